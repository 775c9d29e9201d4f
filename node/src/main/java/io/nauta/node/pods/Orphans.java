package io.nauta.node.pods;

import io.nauta.cri.CriClient;
import io.nauta.cri.CriException;
import io.nauta.cri.v1.ContainerFilter;
import io.nauta.cri.v1.PodSandbox;
import io.nauta.cri.v1.PodSandboxFilter;
import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what the runtime still runs for pods this node no longer has: after an agent restart,
 * sandboxes (and their containers) whose pod was deleted from the API while the agent was away.
 * Pods still bound here are left to their workers, which adopt them.
 */
final class Orphans {
  private static final Logger LOG = LoggerFactory.getLogger(Orphans.class);

  private Orphans() {}

  /**
   * Stops and removes every sandbox labelled with a pod UID that is not {@code bound} here (asked
   * at the moment of removal, so a pod that arrived meanwhile is spared), containers first.
   *
   * @return how many sandboxes were removed
   */
  static int remove(CriClient cri, Predicate<String> bound) {
    int removed = 0;
    for (PodSandbox s : cri.listPodSandbox(PodSandboxFilter.getDefaultInstance())) {
      String uid = s.getLabelsOrDefault(CriConfigs.POD_UID, "");
      if (uid.isEmpty() || bound.test(uid)) {
        continue;
      }
      LOG.info(
          "removing pod {}/{} (uid {}): it is no longer bound to this node",
          s.getLabelsOrDefault(CriConfigs.POD_NAMESPACE, ""),
          s.getLabelsOrDefault(CriConfigs.POD_NAME, ""),
          uid);
      try {
        for (var c :
            cri.listContainers(ContainerFilter.newBuilder().setPodSandboxId(s.getId()).build())) {
          cri.stopContainer(c.getId(), Duration.ZERO);
          cri.removeContainer(c.getId());
        }
        cri.stopPodSandbox(s.getId());
        cri.removePodSandbox(s.getId());
        removed++;
      } catch (CriException e) {
        LOG.warn("cannot remove orphaned sandbox {}: {}", s.getId(), e.getMessage());
      }
    }
    return removed;
  }
}
