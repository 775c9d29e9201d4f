package io.nauta.apiserver.resources.core;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodPrinterTest {
  private static final String TWO_CONTAINERS =
      "\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"},{\"name\":\"b\",\"image\":\"x\"}]}";

  static Stream<Arguments> pods() {
    return Stream.of(
        Arguments.of(
            "pending",
            "{" + TWO_CONTAINERS + ",\"status\":{\"phase\":\"Pending\"}}",
            "0/2",
            "Pending",
            "0"),
        Arguments.of(
            "container creating",
            "{"
                + TWO_CONTAINERS
                + ",\"status\":{\"phase\":\"Pending\",\"containerStatuses\":["
                + "{\"name\":\"a\",\"state\":{\"waiting\":{\"reason\":\"ContainerCreating\"}}},"
                + "{\"name\":\"b\",\"state\":{\"waiting\":{\"reason\":\"ContainerCreating\"}}}]}}",
            "0/2",
            "ContainerCreating",
            "0"),
        Arguments.of(
            "running and ready",
            "{"
                + TWO_CONTAINERS
                + ",\"status\":{\"phase\":\"Running\",\"containerStatuses\":["
                + "{\"name\":\"a\",\"ready\":true,\"state\":{\"running\":{}}},"
                + "{\"name\":\"b\",\"ready\":true,\"state\":{\"running\":{}}}]}}",
            "2/2",
            "Running",
            "0"),
        Arguments.of(
            "crash loop with restart age",
            "{"
                + TWO_CONTAINERS
                + ",\"status\":{\"phase\":\"Running\",\"containerStatuses\":["
                + "{\"name\":\"a\",\"ready\":true,\"state\":{\"running\":{}}},"
                + "{\"name\":\"b\",\"restartCount\":5,\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}},"
                + "\"lastState\":{\"terminated\":{\"exitCode\":1,\"finishedAt\":\"2024-01-01T00:05:00Z\"}}}]}}",
            "1/2",
            "CrashLoopBackOff",
            "5 (5m ago)"),
        Arguments.of(
            "completed",
            "{"
                + TWO_CONTAINERS
                + ",\"status\":{\"phase\":\"Succeeded\",\"containerStatuses\":["
                + "{\"name\":\"a\",\"state\":{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\"}}},"
                + "{\"name\":\"b\",\"state\":{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\"}}}]}}",
            "0/2",
            "Completed",
            "0"),
        Arguments.of(
            "one done one running is not ready",
            "{"
                + TWO_CONTAINERS
                + ",\"status\":{\"phase\":\"Running\",\"containerStatuses\":["
                + "{\"name\":\"a\",\"ready\":true,\"state\":{\"running\":{}}},"
                + "{\"name\":\"b\",\"state\":{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\"}}}]}}",
            "1/2",
            "NotReady",
            "0"),
        Arguments.of(
            "terminated by signal",
            "{"
                + TWO_CONTAINERS
                + ",\"status\":{\"phase\":\"Failed\",\"containerStatuses\":["
                + "{\"name\":\"b\",\"state\":{\"terminated\":{\"exitCode\":137,\"signal\":9}}}]}}",
            "0/2",
            "Signal:9",
            "0"),
        Arguments.of(
            "init container running",
            "{\"spec\":{\"initContainers\":[{\"name\":\"i1\",\"image\":\"x\"},{\"name\":\"i2\",\"image\":\"x\"}],"
                + "\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]},\"status\":{\"phase\":\"Pending\","
                + "\"initContainerStatuses\":[{\"name\":\"i1\",\"state\":{\"terminated\":{\"exitCode\":0}}},"
                + "{\"name\":\"i2\",\"state\":{\"running\":{}}}]}}",
            "0/1",
            "Init:1/2",
            "0"),
        Arguments.of(
            "init container failing",
            "{\"spec\":{\"initContainers\":[{\"name\":\"i1\",\"image\":\"x\"}],"
                + "\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]},\"status\":{\"phase\":\"Pending\","
                + "\"initContainerStatuses\":[{\"name\":\"i1\",\"restartCount\":2,"
                + "\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}}}]}}",
            "0/1",
            "Init:CrashLoopBackOff",
            "2"),
        Arguments.of(
            "running sidecar counts as a container",
            "{\"spec\":{\"initContainers\":[{\"name\":\"proxy\",\"image\":\"x\",\"restartPolicy\":\"Always\"}],"
                + "\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]},\"status\":{\"phase\":\"Running\","
                + "\"conditions\":[{\"type\":\"Initialized\",\"status\":\"True\"}],"
                + "\"initContainerStatuses\":[{\"name\":\"proxy\",\"started\":true,\"ready\":true,\"state\":{\"running\":{}}}],"
                + "\"containerStatuses\":[{\"name\":\"a\",\"ready\":true,\"state\":{\"running\":{}}}]}}",
            "2/2",
            "Running",
            "0"),
        Arguments.of(
            "terminating",
            "{\"metadata\":{\"deletionTimestamp\":\"2024-01-01T00:09:00Z\"},"
                + TWO_CONTAINERS
                + ",\"status\":{\"phase\":\"Running\"}}",
            "0/2",
            "Terminating",
            "0"),
        Arguments.of(
            "evicted reason wins over phase",
            "{" + TWO_CONTAINERS + ",\"status\":{\"phase\":\"Failed\",\"reason\":\"Evicted\"}}",
            "0/2",
            "Evicted",
            "0"),
        Arguments.of(
            "scheduling gated",
            "{"
                + TWO_CONTAINERS
                + ",\"status\":{\"phase\":\"Pending\",\"conditions\":"
                + "[{\"type\":\"PodScheduled\",\"status\":\"False\",\"reason\":\"SchedulingGated\"}]}}",
            "0/2",
            "SchedulingGated",
            "0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pods")
  void printsReadyStatusAndRestarts(
      String name, String json, String ready, String status, String restarts) {
    List<Object> cells = PodPrinter.cells(object(json), NOW);
    assertThat(cells.subList(0, 5)).containsExactly("x", ready, status, restarts, "10m");
  }

  @Test
  void wideColumnsShowPlacementAndReadinessGates() {
    List<Object> cells =
        PodPrinter.cells(
            object(
                "{\"spec\":{\"nodeName\":\"n1\",\"readinessGates\":[{\"conditionType\":\"a/b\"},{\"conditionType\":\"c/d\"}],"
                    + "\"containers\":[]},\"status\":{\"podIPs\":[{\"ip\":\"10.1.0.7\"}],"
                    + "\"conditions\":[{\"type\":\"a/b\",\"status\":\"True\"}]}}"),
            NOW);
    assertThat(cells.subList(5, 9)).containsExactly("10.1.0.7", "n1", "<none>", "1/2");
    assertThat(cells).hasSameSizeAs(PodPrinter.COLUMNS);
  }
}
