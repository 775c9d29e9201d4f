package io.nauta.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nauta.api.quantity.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resource metrics of real containers through the real kubectl: a pod burning CPU under a 500m
 * limit shows in {@code kubectl top pods} near its limit with some memory, {@code --containers}
 * lists its container, {@code kubectl top nodes} lists the node, and the API's numbers agree with
 * the container's cgroup files (CPU time over a measured interval, working set) within measurement
 * noise.
 */
class ResourceMetricsIT extends RealNodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

  @Override
  protected String[] serverArgs() {
    return new String[] {"--metrics-resolution=5s"};
  }

  @BeforeAll
  void burn() throws Exception {
    startNode("metrics-1");
    Kubectl.Result r =
        nauta.kubectlWithInput(
            """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"burner","labels":{"app":"burn"}},
             "spec":{"terminationGracePeriodSeconds":1,
                     "containers":[{"name":"spin","image":"%s",
                       "command":["sh","-c","while :; do :; done"],
                       "resources":{"limits":{"cpu":"500m"}}}]}}
            """
                .formatted(image),
            "create",
            "-f",
            "-");
    assertThat(r.code()).as(r.all()).isZero();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ok("get", "pod", "burner").out())
                    .containsPattern("burner\\s+1/1\\s+Running"));
  }

  @Test
  void kubectlTopShowsTheBurningPodNearItsCpuLimitWithMemory() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Kubectl.Result top = nauta.kubectl("top", "pod", "burner");
              assertThat(top.code()).as(top.all()).isZero();
              // kubectl prints memory in whole Mi: a spinning shell's few hundred Ki are 0Mi
              Matcher m = Pattern.compile("burner\\s+(\\d+)m\\s+\\d+Mi").matcher(top.out());
              assertThat(m.find()).as(top.out()).isTrue();
              assertThat(Long.parseLong(m.group(1))).as(top.out()).isBetween(300L, 560L);
            });
    JsonNode metrics =
        JSON.readTree(
            ok("get", "--raw", "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/burner")
                .out());
    assertThat(Quantity.parse(metrics.at("/containers/0/usage/memory").asText()).value())
        .as(metrics.toString())
        .isPositive();
    String all = ok("top", "pods", "-A", "--containers", "--sort-by=cpu").out();
    assertThat(all).containsPattern("default\\s+burner\\s+spin\\s+\\d+m\\s+\\d+Mi");
    System.out.println(all);
    String nodes = ok("top", "nodes").out();
    System.out.println(nodes);
    assertThat(nodes).containsPattern(nodeName + "\\s+\\d+m\\s+\\d+%\\s+\\d+Mi\\s+\\d+%");
    String selected = ok("top", "pods", "-l", "app=burn", "--no-headers").out();
    assertThat(selected).startsWith("burner");
  }

  @Test
  void theApiAgreesWithTheContainersCgroupFiles() throws Exception {
    String uid = ok("get", "pod", "burner", "-o", "jsonpath={.metadata.uid}").out();
    String id =
        ok("get", "pod", "burner", "-o", "jsonpath={.status.containerStatuses[0].containerID}")
            .out()
            .substring("containerd://".length());
    Path cpu = CGROUPS.resolve("cpuacct/kubepods/burstable/pod" + uid + "/" + id);
    Path memory = CGROUPS.resolve("memory/kubepods/burstable/pod" + uid + "/" + id);
    String metricsPath = "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/burner";
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(ok("get", "--raw", metricsPath).out()).contains("spin"));

    // the cgroup's own rate over 10 s, next to the API's over its window
    long t0 = System.nanoTime();
    long used0 = Long.parseLong(read(cpu.resolve("cpuacct.usage")));
    await().atMost(Duration.ofSeconds(11)).pollDelay(Duration.ofSeconds(10)).until(() -> true);
    long used1 = Long.parseLong(read(cpu.resolve("cpuacct.usage")));
    double cgroupCores = (double) (used1 - used0) / (System.nanoTime() - t0);
    JsonNode metrics = JSON.readTree(ok("get", "--raw", metricsPath).out());
    JsonNode usage = metrics.path("containers").get(0).path("usage");
    double apiCores = Quantity.parse(usage.path("cpu").asText()).scaledValue(-9) / 1e9;
    assertThat(apiCores)
        .as(metrics.toString())
        .isCloseTo(cgroupCores, org.assertj.core.data.Offset.offset(0.15));
    assertThat(Duration.parse("PT" + metrics.path("window").asText().toUpperCase()))
        .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));

    long workingSet = workingSet(memory);
    System.out.printf(
        "cpu: api %.3f cores over %s, cgroup %.3f cores over 10 s; memory: api %s, cgroup working"
            + " set %d bytes%n",
        apiCores, metrics.path("window").asText(), cgroupCores, usage.path("memory"), workingSet);
    long apiBytes = Quantity.parse(usage.path("memory").asText()).value();
    assertThat(apiBytes).isPositive();
    // a shell spinning allocates nothing: its working set moves by a few pages at most
    assertThat((double) Math.abs(apiBytes - workingSet))
        .as("api %d, cgroup %d", apiBytes, workingSet)
        .isLessThanOrEqualTo(Math.max(256 * 1024, workingSet * 0.25));
  }

  @Test
  void samplesAreNeverOlderThanTwoResolutions() throws Exception {
    String metricsPath = "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/burner";
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(ok("get", "--raw", metricsPath).out()).contains("spin"));
    long worst = 0;
    long sum = 0;
    int reads = 10;
    for (int i = 0; i < reads; i++) {
      JsonNode m = JSON.readTree(ok("get", "--raw", metricsPath).out());
      long age =
          Duration.between(
                  java.time.Instant.parse(m.path("timestamp").asText()), java.time.Instant.now())
              .toMillis();
      worst = Math.max(worst, age);
      sum += age;
      await().pollDelay(Duration.ofMillis(1_100)).until(() -> true);
    }
    // the figure docs/benchmarks.md records (timestamps are whole seconds: up to 1 s older)
    System.out.printf(
        "metric freshness at --metrics-resolution=5s: mean age %d ms, worst %d ms%n",
        sum / reads, worst);
    assertThat(worst).isLessThan(10_000 + 1_000);
  }

  /** usage_in_bytes less inactive file pages, as kubelets and containerd count a working set. */
  private static long workingSet(Path memory) throws Exception {
    long usage = Long.parseLong(read(memory.resolve("memory.usage_in_bytes")));
    long inactive = 0;
    for (String line : Files.readAllLines(memory.resolve("memory.stat"))) {
      if (line.startsWith("total_inactive_file ")) {
        inactive = Long.parseLong(line.substring("total_inactive_file ".length()).trim());
      }
    }
    return Math.max(0, usage - inactive);
  }

  private static String read(Path file) throws Exception {
    return Files.readString(file).strip();
  }
}
