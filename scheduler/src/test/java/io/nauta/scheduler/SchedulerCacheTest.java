package io.nauta.scheduler;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.nauta.scheduler.framework.NodeInfo;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {

  private static long cpuOn(SchedulerCache cache, String node) {
    return cache.snapshot().stream()
        .filter(n -> n.name().equals(node))
        .mapToLong(n -> n.requested().milliCpu())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anAssumedPodCountsOnItsNodeUntilForgotten() {
    SchedulerCache cache = new SchedulerCache();
    cache.putNode(node("n1", "4", "8Gi").build());
    Pod p = pod("p", "1", null).build();

    cache.assume(p, "n1");
    assertThat(cpuOn(cache, "n1")).isEqualTo(1000);

    cache.forget(p); // the binding failed
    assertThat(cpuOn(cache, "n1")).isZero();
  }

  @Test
  void theApisBoundPodReplacesTheAssumptionAndForgetThenKeepsIt() {
    SchedulerCache cache = new SchedulerCache();
    cache.putNode(node("n1", "4", "8Gi").build());
    cache.putNode(node("n2", "4", "8Gi").build());
    Pod p = pod("p", "1", null).build();
    cache.assume(p, "n1");

    Pod bound = new PodBuilder(p).editSpec().withNodeName("n1").endSpec().build();
    cache.putPod(bound);
    cache.forget(p); // too late: the API confirmed it

    assertThat(cpuOn(cache, "n1")).isEqualTo(1000);
    assertThat(cpuOn(cache, "n2")).isZero();
    cache.removePod(SchedulingQueue.key(p));
    assertThat(cpuOn(cache, "n1")).isZero();
  }

  @Test
  void podsOfANodeNotSeenYetCountOnceItArrives() {
    SchedulerCache cache = new SchedulerCache();
    Pod bound = pod("early", "2", null).editSpec().withNodeName("late").endSpec().build();
    cache.putPod(bound);
    assertThat(cache.snapshot()).isEmpty();

    cache.putNode(node("late", "4", "8Gi").build());
    assertThat(cache.snapshot()).extracting(NodeInfo::name).containsExactly("late");
    assertThat(cpuOn(cache, "late")).isEqualTo(2000);
  }
}
