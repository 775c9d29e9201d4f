package io.nauta.scheduler.framework;

import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BindingExtensionPointsTest {

  /** Records calls; fails reserve when told to. */
  private static final class Recorder implements Plugin.Reserve {
    final String name;
    final boolean fail;
    final List<String> log;

    Recorder(String name, boolean fail, List<String> log) {
      this.name = name;
      this.fail = fail;
      this.log = log;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Status reserve(CycleState state, Pod pod, String node) {
      log.add("reserve " + name);
      return fail ? Status.unschedulable(name, "no volume left") : Status.SUCCESS;
    }

    @Override
    public void unreserve(CycleState state, Pod pod, String node) {
      log.add("unreserve " + name);
    }
  }

  private static Plugin.Permit holding(String name, Duration timeout) {
    return new Plugin.Permit() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public PermitResult permit(CycleState state, Pod pod, String node) {
        return new PermitResult(Status.waiting(name), timeout);
      }
    };
  }

  private static Pod uidPod(String uid) {
    return pod("p", null, null).editMetadata().withUid(uid).endMetadata().build();
  }

  @Test
  void aFailedReserveUnreservesWhatWasReservedInReverseOrder() {
    List<String> log = new ArrayList<>();
    Framework f =
        new Framework(
            List.of(
                new Recorder("a", false, log),
                new Recorder("b", false, log),
                new Recorder("c", true, log)),
            Map.of(),
            new Random(1));

    Status s = f.reserve(new CycleState(), uidPod("u1"), "node-1");

    assertThat(s.message()).isEqualTo("no volume left");
    assertThat(log)
        .containsExactly(
            "reserve a", "reserve b", "reserve c", "unreserve c", "unreserve b", "unreserve a");
  }

  @Test
  void aHeldPodGoesOnOnlyWhenEveryHolderAllowsIt() throws Exception {
    Framework f =
        new Framework(
            List.of(
                holding("gang", Duration.ofSeconds(30)), holding("quota", Duration.ofSeconds(30))),
            Map.of(),
            new Random(1));
    Pod pod = uidPod("u2");

    assertThat(f.permit(new CycleState(), pod, "node-1").isSuccess()).isTrue();
    assertThat(f.waitingPods()).extracting(Framework.Waiting::node).containsExactly("node-1");
    CompletableFuture<Status> verdict =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return f.waitOnPermit(pod);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    f.allow("u2", "gang");
    Thread.sleep(100);
    assertThat(verdict).isNotDone();
    f.allow("u2", "quota");

    assertThat(verdict.get().isSuccess()).isTrue();
    assertThat(f.waitingPods()).isEmpty();
  }

  @Test
  void aHeldPodIsRejectedWhenItsTimeoutPassesOrSomeoneRejectsIt() throws Exception {
    Framework f =
        new Framework(List.of(holding("gang", Duration.ofMillis(50))), Map.of(), new Random(1));
    Pod late = uidPod("u3");
    f.permit(new CycleState(), late, "node-1");

    Status timedOut = f.waitOnPermit(late);

    assertThat(timedOut.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(timedOut.message()).startsWith("rejected due to timeout");

    Framework g =
        new Framework(List.of(holding("gang", Duration.ofSeconds(30))), Map.of(), new Random(1));
    Pod rejected = uidPod("u4");
    g.permit(new CycleState(), rejected, "node-1");
    g.reject("u4", "gang", "the gang is incomplete");

    assertThat(g.waitOnPermit(rejected).message()).isEqualTo("the gang is incomplete");
  }

  @Test
  void bindSkipsToTheSchedulersOwnBindingWhenNoPluginBinds() throws Exception {
    Framework f = new Framework(List.of(), Map.of(), new Random(1));

    assertThat(f.bind(new CycleState(), uidPod("u5"), "node-1").code()).isEqualTo(Status.Code.SKIP);
    assertThat(f.waitOnPermit(uidPod("u5")).isSuccess()).isTrue();
  }
}
