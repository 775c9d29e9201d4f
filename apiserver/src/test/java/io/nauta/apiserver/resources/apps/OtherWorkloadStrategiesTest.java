package io.nauta.apiserver.resources.apps;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OtherWorkloadStrategiesTest {
  private static final String TEMPLATE =
      "\"selector\":{\"matchLabels\":{\"app\":\"db\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"db\"}},"
          + "\"spec\":{\"nodeSelector\":{\"disk\":\"ssd\"},\"containers\":[{\"name\":\"db\",\"image\":\"postgres:16\","
          + "\"volumeMounts\":[{\"name\":\"data\",\"mountPath\":\"/var/lib/postgresql\"}]}]}}";

  @Test
  void statefulSetsDefaultAndAcceptClaimTemplateMounts() {
    StatefulSetStrategy strategy = new StatefulSetStrategy();
    ObjectNode sts =
        object(
            "{\"spec\":{"
                + TEMPLATE
                + ",\"volumeClaimTemplates\":[{\"metadata\":{\"name\":\"data\"},"
                + "\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}}}]}}");
    strategy.prepareForCreate(sts);
    assertThat(sts.at("/spec/podManagementPolicy").asText()).isEqualTo("OrderedReady");
    assertThat(sts.at("/spec/updateStrategy").toString())
        .isEqualTo("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":0}}");
    assertThat(sts.at("/spec/persistentVolumeClaimRetentionPolicy").toString())
        .isEqualTo("{\"whenDeleted\":\"Retain\",\"whenScaled\":\"Retain\"}");
    assertThat(sts.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(sts.at("/spec/volumeClaimTemplates/0/spec/volumeMode").asText())
        .isEqualTo("Filesystem");
    assertThat(sts.get("status").toString()).isEqualTo("{\"replicas\":0,\"availableReplicas\":0}");
    assertThat(strategy.validate(sts)).isEmpty();
    ((ObjectNode) sts.get("status")).put("readyReplicas", 1);
    assertThat(strategy.cells(sts, NOW)).containsExactly("x", "1/1", "10m", "db", "postgres:16");

    ObjectNode renamed = sts.deepCopy();
    ((ObjectNode) renamed.get("spec")).put("serviceName", "other");
    assertThat(messages(strategy.validateUpdate(renamed, sts)))
        .containsExactly(
            "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals',"
                + " 'template', 'updateStrategy', 'revisionHistoryLimit',"
                + " 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
  }

  @Test
  void daemonSetsRollOneAtATimeByDefault() {
    DaemonSetStrategy strategy = new DaemonSetStrategy();
    ObjectNode ds =
        object(
            "{\"spec\":{"
                + TEMPLATE.replace(
                    ",\"volumeMounts\":[{\"name\":\"data\",\"mountPath\":\"/var/lib/postgresql\"}]",
                    "")
                + "}}");
    strategy.prepareForCreate(ds);
    assertThat(ds.at("/spec/updateStrategy").toString())
        .isEqualTo(
            "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxUnavailable\":1,\"maxSurge\":0}}");
    assertThat(strategy.validate(ds)).isEmpty();
    assertThat(strategy.cells(ds, NOW))
        .containsExactly("x", 0L, 0L, 0L, 0L, 0L, "disk=ssd", "10m", "db", "postgres:16", "app=db");
    ((ObjectNode) ds.at("/spec/updateStrategy/rollingUpdate")).put("maxSurge", 1);
    assertThat(messages(strategy.validate(ds)))
        .containsExactly(
            "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"1\": may not be set when maxUnavailable is non-zero");
  }

  @Test
  void replicaSetsPrintCountsAndSelectOnStatusReplicas() {
    ReplicaSetStrategy strategy = new ReplicaSetStrategy();
    ObjectNode rs =
        object(
            "{\"spec\":{\"replicas\":3,"
                + TEMPLATE.replace(
                    ",\"volumeMounts\":[{\"name\":\"data\",\"mountPath\":\"/var/lib/postgresql\"}]",
                    "")
                + "}}");
    strategy.prepareForCreate(rs);
    assertThat(strategy.validate(rs)).isEmpty();
    ((ObjectNode) rs.get("status")).put("replicas", 3).put("readyReplicas", 1);
    assertThat(strategy.cells(rs, NOW))
        .containsExactly("x", 3L, 3L, 1L, "10m", "db", "postgres:16", "app=db");
    assertThat(strategy.selectableFields(rs)).containsEntry("status.replicas", "3");
  }

  @Test
  void controllerRevisionsNameTheirController() {
    ControllerRevisionStrategy strategy = new ControllerRevisionStrategy();
    ObjectNode cr =
        object(
            "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"name\":\"web\",\"controller\":true}]},"
                + "\"data\":{},\"revision\":2}");
    assertThat(strategy.cells(cr, NOW)).containsExactly("x", "statefulset.apps/web", 2L, "10m");
    ObjectNode changed = cr.deepCopy();
    changed.putObject("data").put("a", 1);
    assertThat(messages(strategy.validateUpdate(changed, cr)))
        .containsExactly("data: Invalid value: \"{\"a\":1}\": field is immutable");
    assertThat(messages(strategy.validate(object("{\"revision\":-1}"))))
        .containsExactly(
            "data: Required value: data is mandatory",
            "revision: Invalid value: \"-1\": must be greater than or equal to 0");
  }
}
