package io.nauta.apiserver.resources.core;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StorageStrategiesTest {
  private final PersistentVolumeStrategy pvs = new PersistentVolumeStrategy();
  private final PersistentVolumeClaimStrategy pvcs = new PersistentVolumeClaimStrategy();

  private static final String PVC =
      "{\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}}}";

  @Test
  void persistentVolumesDefaultAndPrint() {
    ObjectNode pv =
        object(
            "{\"spec\":{\"capacity\":{\"storage\":\"5Gi\"},\"accessModes\":[\"ReadWriteMany\",\"ReadWriteOnce\"],"
                + "\"hostPath\":{\"path\":\"/data\"},\"storageClassName\":\"local\","
                + "\"claimRef\":{\"namespace\":\"ns\",\"name\":\"c\"}}}");
    pvs.prepareForCreate(pv);
    assertThat(pv.at("/spec/persistentVolumeReclaimPolicy").asText()).isEqualTo("Retain");
    assertThat(pv.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
    assertThat(pv.at("/status/phase").asText()).isEqualTo("Pending");
    assertThat(pvs.validate(pv)).isEmpty();
    assertThat(pvs.cells(pv, NOW))
        .containsExactly(
            "x",
            "5Gi",
            "RWO,RWX",
            "Retain",
            "Pending",
            "ns/c",
            "local",
            "<unset>",
            "",
            "10m",
            "Filesystem");
  }

  @Test
  void persistentVolumesNeedOneSourceAccessModesAndCapacity() {
    assertThat(messages(pvs.validate(object("{\"spec\":{}}"))))
        .contains(
            "spec.accessModes: Required value",
            "spec.capacity: Required value",
            "spec: Required value: must specify a volume type");
  }

  @Test
  void claimsDefaultToPendingFilesystem() {
    ObjectNode pvc = object(PVC);
    pvcs.prepareForCreate(pvc);
    assertThat(pvc.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
    assertThat(pvc.at("/status/phase").asText()).isEqualTo("Pending");
    assertThat(pvcs.validate(pvc)).isEmpty();
    assertThat(pvcs.cells(pvc, NOW))
        .containsExactly("x", "Pending", "", "", "", "", "<unset>", "10m", "Filesystem");
  }

  @Test
  void claimsNeedAPositiveStorageRequest() {
    assertThat(messages(pvcs.validate(object("{\"spec\":{\"accessModes\":[\"ReadWriteOnce\"]}}"))))
        .containsExactly("spec.resources[storage]: Required value");
    assertThat(messages(pvcs.validate(object(PVC.replace("1Gi", "0")))))
        .containsExactly(
            "spec.resources[storage]: Invalid value: \"0\": must be greater than zero");
  }

  @Test
  void boundClaimsMayOnlyGrow() {
    ObjectNode old = object(PVC);
    pvcs.prepareForCreate(old);
    ((ObjectNode) old.get("spec")).put("volumeName", "pv1");
    ((ObjectNode) old.get("status")).put("phase", "Bound");

    ObjectNode grow = old.deepCopy();
    ((ObjectNode) grow.at("/spec/resources/requests")).put("storage", "2Gi");
    assertThat(pvcs.validateUpdate(grow, old)).isEmpty();

    ObjectNode shrink = old.deepCopy();
    ((ObjectNode) shrink.at("/spec/resources/requests")).put("storage", "512Mi");
    assertThat(messages(pvcs.validateUpdate(shrink, old)))
        .containsExactly(
            "spec.resources.requests.storage: Forbidden: field can not be less than previous value");

    ObjectNode modes = old.deepCopy();
    ((ObjectNode) modes.get("spec")).putArray("accessModes").add("ReadWriteMany");
    assertThat(messages(pvcs.validateUpdate(modes, old)))
        .containsExactly(
            "spec: Forbidden: spec is immutable after creation except resources.requests and"
                + " volumeAttributesClassName for bound claims");
  }

  @Test
  void creationAddsTheProtectionFinalizers() {
    ObjectNode pvc = object(PVC);
    pvcs.prepareForCreate(pvc);
    assertThat(pvc.at("/metadata/finalizers").toString())
        .isEqualTo("[\"kubernetes.io/pvc-protection\"]");
    ObjectNode pv =
        object(
            "{\"metadata\":{\"finalizers\":[\"example.com/mine\"]},\"spec\":{\"capacity\":{\"storage\":\"1Gi\"},"
                + "\"accessModes\":[\"ReadWriteOnce\"],\"hostPath\":{\"path\":\"/d\"}}}");
    pvs.prepareForCreate(pv);
    pvs.prepareForCreate(pv); // idempotent
    assertThat(pv.at("/metadata/finalizers").toString())
        .isEqualTo("[\"example.com/mine\",\"kubernetes.io/pv-protection\"]");
  }

  @Test
  void classNamesClaimRefsAndVolumeNamesAreChecked() {
    ObjectNode pv =
        object(
            "{\"spec\":{\"capacity\":{\"storage\":\"1Gi\"},\"accessModes\":[\"ReadWriteOnce\"],"
                + "\"hostPath\":{\"path\":\"/d\"},\"storageClassName\":\"Not_A_Name\","
                + "\"claimRef\":{\"namespace\":\"ns\"}}}");
    pvs.prepareForCreate(pv);
    assertThat(messages(pvs.validate(pv)))
        .anyMatch(m -> m.startsWith("spec.storageClassName: Invalid value: \"Not_A_Name\""))
        .contains("spec.claimRef.name: Required value");
    ObjectNode pvc = object(PVC.replace("}}}", "}},\"volumeName\":\"a/b\"}"));
    assertThat(messages(pvcs.validate(pvc)))
        .containsExactly("spec.volumeName: Invalid value: \"a/b\": may not contain '/'");
  }
}
