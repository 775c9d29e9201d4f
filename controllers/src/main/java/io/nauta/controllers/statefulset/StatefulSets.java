package io.nauta.controllers.statefulset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.nauta.controllers.history.Revisions;
import io.nauta.controllers.runtime.PodClaims;
import io.nauta.controllers.runtime.PodControl;
import java.util.LinkedHashMap;
import java.util.Map;

/** A StatefulSet's spec read for {@link OrdinalPlan}, and the pod of an ordinal. Stateless. */
final class StatefulSets {
  private StatefulSets() {}

  static OrdinalPlan.Spec spec(
      StatefulSet set, ControllerRevision current, ControllerRevision update) {
    var s = set.getSpec();
    int replicas = s.getReplicas() == null ? 1 : s.getReplicas();
    int start =
        s.getOrdinals() == null || s.getOrdinals().getStart() == null
            ? 0
            : s.getOrdinals().getStart();
    boolean monotonic = !"Parallel".equals(s.getPodManagementPolicy());
    var strategy = s.getUpdateStrategy();
    boolean rolling = strategy == null || !"OnDelete".equals(strategy.getType());
    var ru = strategy == null ? null : strategy.getRollingUpdate();
    int partition = ru == null || ru.getPartition() == null ? 0 : ru.getPartition();
    int maxUnavailable = resolve(ru == null ? null : ru.getMaxUnavailable(), replicas);
    return new OrdinalPlan.Spec(
        replicas,
        start,
        monotonic,
        rolling,
        partition,
        maxUnavailable,
        current.getMetadata().getName(),
        update.getMetadata().getName());
  }

  /** maxUnavailable as a count (a percent of replicas rounded down, at least 1); default 1. */
  static int resolve(IntOrString v, int replicas) {
    if (v == null) {
      return 1;
    }
    if (v.getIntVal() != null) {
      return Math.max(1, v.getIntVal());
    }
    String s = v.getStrVal();
    if (s.endsWith("%")) {
      long n = (long) Integer.parseInt(s.substring(0, s.length() - 1)) * replicas / 100;
      return (int) Math.max(1, n);
    }
    return Math.max(1, Integer.parseInt(s));
  }

  /**
   * The pod of {@code ordinal} from {@code template} (of revision {@code revision}): named {@code
   * <set>-<ordinal>}, its hostname that name and its subdomain the set's service, its
   * volumeClaimTemplates' volumes the ordinal's claims.
   */
  static Pod pod(StatefulSet set, PodTemplateSpec template, String revision, int ordinal) {
    String name = set.getMetadata().getName() + "-" + ordinal;
    Pod p = PodControl.fromTemplate(set, template, name);
    Map<String, String> labels = new LinkedHashMap<>(PodClaims.labels(p));
    labels.put(StatefulSetController.POD_NAME_LABEL, name);
    labels.put(StatefulSetController.POD_INDEX_LABEL, Integer.toString(ordinal));
    labels.put(Revisions.HASH_LABEL, revision);
    p.getMetadata().setLabels(labels);
    p.getSpec().setHostname(name);
    p.getSpec().setSubdomain(set.getSpec().getServiceName());
    VolumeClaims.mount(set, p, ordinal);
    return p;
  }
}
