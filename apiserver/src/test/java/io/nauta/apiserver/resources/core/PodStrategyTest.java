package io.nauta.apiserver.resources.core;

import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.resources.json.Json;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PodStrategyTest {
  private final PodStrategy strategy = new PodStrategy(DefaultTolerationSeconds.DEFAULTS);

  private static final String POD =
      """
      {"spec":{"containers":[{"name":"web","image":"nginx:1.25",
        "ports":[{"containerPort":80}],
        "livenessProbe":{"httpGet":{"port":80}},
        "env":[{"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}}]}],
        "volumes":[{"name":"scratch"},{"name":"cfg","configMap":{"name":"c"}}]}}
      """;

  private ObjectNode created(String json) {
    ObjectNode pod = object(json);
    strategy.prepareForCreate(pod);
    return pod;
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "spec.restartPolicy, Always",
    "spec.dnsPolicy, ClusterFirst",
    "spec.schedulerName, default-scheduler",
    "spec.terminationGracePeriodSeconds, 30",
    "spec.enableServiceLinks, true",
    "spec.priority, 0",
    "spec.preemptionPolicy, PreemptLowerPriority",
    "spec.securityContext, {}",
    "spec.containers.0.imagePullPolicy, IfNotPresent",
    "spec.containers.0.terminationMessagePath, /dev/termination-log",
    "spec.containers.0.terminationMessagePolicy, File",
    "spec.containers.0.ports.0.protocol, TCP",
    "spec.containers.0.livenessProbe.timeoutSeconds, 1",
    "spec.containers.0.livenessProbe.periodSeconds, 10",
    "spec.containers.0.livenessProbe.successThreshold, 1",
    "spec.containers.0.livenessProbe.failureThreshold, 3",
    "spec.containers.0.livenessProbe.httpGet.path, /",
    "spec.containers.0.livenessProbe.httpGet.scheme, HTTP",
    "spec.containers.0.env.0.valueFrom.fieldRef.apiVersion, v1",
    "spec.volumes.0.emptyDir, {}",
    "spec.volumes.1.configMap.defaultMode, 420",
    "status.phase, Pending",
    "status.qosClass, BestEffort",
  })
  void defaultsLikeKubernetes(String path, String expected) {
    ObjectNode pod = created(POD);
    var node = pod.at("/" + path.replace('.', '/'));
    assertThat(node.isMissingNode()).as(path).isFalse();
    assertThat(node.isValueNode() ? node.asText() : node.toString()).isEqualTo(expected);
  }

  @Test
  void keepsValuesTheClientSet() {
    ObjectNode pod =
        created(
            """
            {"spec":{"restartPolicy":"Never","terminationGracePeriodSeconds":5,
              "containers":[{"name":"a","image":"busybox","imagePullPolicy":"Never"}]}}
            """);
    assertThat(Json.text(pod, "spec", "restartPolicy")).isEqualTo("Never");
    assertThat(Json.integer(pod, 0, "spec", "terminationGracePeriodSeconds")).isEqualTo(5);
    assertThat(Json.text(pod.at("/spec/containers/0"), "imagePullPolicy")).isEqualTo("Never");
  }

  @Test
  void clearsClientStatusAndDefaultsRequestsFromLimits() {
    ObjectNode pod =
        created(
            """
            {"spec":{"containers":[{"name":"a","image":"x",
              "resources":{"limits":{"cpu":"500m","memory":"64Mi"}}}]},
             "status":{"phase":"Running","podIP":"1.2.3.4"}}
            """);
    assertThat(pod.at("/spec/containers/0/resources/requests").toString())
        .isEqualTo("{\"cpu\":\"500m\",\"memory\":\"64Mi\"}");
    assertThat(pod.get("status").toString())
        .isEqualTo("{\"phase\":\"Pending\",\"qosClass\":\"Guaranteed\"}");
  }

  static Stream<Arguments> invalidPods() {
    return Stream.of(
        Arguments.of("no containers", "{\"spec\":{}}", "spec.containers: Required value"),
        Arguments.of(
            "missing image",
            "{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}",
            "spec.containers[0].image: Required value"),
        Arguments.of(
            "bad container name",
            "{\"spec\":{\"containers\":[{\"name\":\"Web_1\",\"image\":\"x\"}]}}",
            "spec.containers[0].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must"
                + " consist of lower case alphanumeric characters or '-', and must start and end"
                + " with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for"
                + " validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
        Arguments.of(
            "duplicate across init containers",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"}],"
                + "\"initContainers\":[{\"name\":\"a\",\"image\":\"x\"}]}}",
            "spec.initContainers[0].name: Duplicate value: \"a\""),
        Arguments.of(
            "port out of range",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\",\"ports\":[{\"containerPort\":70000}]}]}}",
            "spec.containers[0].ports[0].containerPort: Invalid value: \"70000\": must be between 1"
                + " and 65535, inclusive"),
        Arguments.of(
            "bad protocol",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\",\"ports\":[{\"containerPort\":80,\"protocol\":\"HTTP\"}]}]}}",
            "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values:"
                + " \"SCTP\", \"TCP\", \"UDP\""),
        Arguments.of(
            "bad restart policy",
            "{\"spec\":{\"restartPolicy\":\"Sometimes\",\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]}}",
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\","
                + " \"OnFailure\", \"Never\""),
        Arguments.of(
            "requests above limits",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\",\"resources\":"
                + "{\"requests\":{\"cpu\":\"2\"},\"limits\":{\"cpu\":\"1\"}}}]}}",
            "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or"
                + " equal to cpu limit of 1"),
        Arguments.of(
            "unparseable quantity",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\",\"resources\":"
                + "{\"limits\":{\"memory\":\"lots\"}}}]}}",
            "spec.containers[0].resources.limits[memory]: Invalid value: \"lots\": quantities must"
                + " match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
        Arguments.of(
            "duplicate volume",
            "{\"spec\":{\"volumes\":[{\"name\":\"v\"},{\"name\":\"v\"}],"
                + "\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]}}",
            "spec.volumes[1].name: Duplicate value: \"v\""),
        Arguments.of(
            "toleration seconds without NoExecute",
            "{\"spec\":{\"tolerations\":[{\"key\":\"k\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\","
                + "\"tolerationSeconds\":5}],\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]}}",
            "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute'"
                + " when `tolerationSeconds` is set"),
        Arguments.of(
            "liveness success threshold",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\","
                + "\"livenessProbe\":{\"exec\":{\"command\":[\"true\"]},\"successThreshold\":2}}]}}",
            "spec.containers[0].livenessProbe.successThreshold: Invalid value: \"2\": must be 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPods")
  void rejectsInvalidPods(String name, String json, String message) {
    assertThat(messages(strategy.validate(created(json)))).contains(message);
  }

  @Test
  void acceptsAValidPod() {
    assertThat(strategy.validate(created(POD))).isEmpty();
  }

  @Test
  void updatesMayChangeImagesButNotOtherSpecFields() {
    ObjectNode old = created(POD);
    ObjectNode image = old.deepCopy();
    ((ObjectNode) image.at("/spec/containers/0")).put("image", "nginx:1.26");
    assertThat(strategy.validateUpdate(image, old)).isEmpty();

    ObjectNode moved = old.deepCopy();
    ((ObjectNode) moved.get("spec")).put("nodeName", "n1");
    assertThat(messages(strategy.validateUpdate(moved, old)))
        .singleElement()
        .asString()
        .startsWith(
            "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,")
        .contains("+ spec.nodeName: \"n1\"");
  }

  @Test
  void activeDeadlineMayOnlyDecrease() {
    ObjectNode old = created(POD);
    ((ObjectNode) old.get("spec")).put("activeDeadlineSeconds", 10);
    ObjectNode more = old.deepCopy();
    ((ObjectNode) more.get("spec")).put("activeDeadlineSeconds", 20);
    assertThat(messages(strategy.validateUpdate(more, old)))
        .containsExactly(
            "spec.activeDeadlineSeconds: Invalid value: \"20\": must be less than or equal to"
                + " previous value");
  }

  @ParameterizedTest(name = "node={0} phase={1} -> {2}")
  @CsvSource({"'', Pending, 0", "n1, Running, 30", "n1, Succeeded, 0", "n1, Failed, 0"})
  void gracePeriodAppliesToBoundRunningPods(String node, String phase, long expected) {
    ObjectNode pod = created(POD);
    if (!node.isEmpty()) {
      ((ObjectNode) pod.get("spec")).put("nodeName", node);
    }
    ((ObjectNode) pod.get("status")).put("phase", phase);
    assertThat(strategy.defaultGracePeriodSeconds(pod)).isEqualTo(expected);
  }

  @Test
  void exposesKubernetesPodFieldSelectors() {
    ObjectNode pod = created(POD);
    ((ObjectNode) pod.get("spec")).put("nodeName", "n1");
    ((ObjectNode) pod.get("status")).putArray("podIPs").addObject().put("ip", "10.0.0.5");
    assertThat(strategy.selectableFields(pod))
        .containsEntry("spec.nodeName", "n1")
        .containsEntry("spec.restartPolicy", "Always")
        .containsEntry("spec.schedulerName", "default-scheduler")
        .containsEntry("spec.serviceAccountName", "")
        .containsEntry("spec.hostNetwork", "false")
        .containsEntry("status.phase", "Pending")
        .containsEntry("status.podIP", "10.0.0.5")
        .containsEntry("status.nominatedNodeName", "");
  }
}
