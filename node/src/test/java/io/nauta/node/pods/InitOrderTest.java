package io.nauta.node.pods;

import static io.nauta.node.pods.InitOrder.Progress.FAILED;
import static io.nauta.node.pods.InitOrder.Progress.RUNNING;
import static io.nauta.node.pods.InitOrder.Progress.STARTED;
import static io.nauta.node.pods.InitOrder.Progress.SUCCEEDED;
import static io.nauta.node.pods.InitOrder.Progress.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.nauta.cri.v1.ContainerState;
import io.nauta.cri.v1.ContainerStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitOrderTest {
  private static Container init(String name) {
    return new ContainerBuilder().withName(name).build();
  }

  private static Container sidecar(String name) {
    return new ContainerBuilder().withName(name).withRestartPolicy("Always").build();
  }

  /** Runs the order once against fixed progress; returns the containers it ensured. */
  private static List<String> pass(
      List<Container> inits,
      boolean initialized,
      Map<String, InitOrder.Progress> progress,
      boolean[] done) {
    List<String> ensured = new ArrayList<>();
    done[0] =
        InitOrder.run(
            inits,
            initialized,
            c -> {
              ensured.add(c.getName());
              return progress.getOrDefault(c.getName(), WAITING);
            });
    return ensured;
  }

  @Test
  void aSidecarOnlyHasToStartBeforeTheNextInitContainerRuns() {
    List<Container> inits = List.of(init("migrate"), sidecar("proxy"), init("warm"));
    Map<String, InitOrder.Progress> progress = new HashMap<>();
    boolean[] done = new boolean[1];

    assertThat(pass(inits, false, progress, done)).containsExactly("migrate");
    progress.put("migrate", RUNNING);
    assertThat(pass(inits, false, progress, done)).containsExactly("migrate");
    progress.put("migrate", SUCCEEDED);
    assertThat(pass(inits, false, progress, done)).containsExactly("migrate", "proxy");
    progress.put("proxy", RUNNING); // running, startup probe not passed yet
    assertThat(pass(inits, false, progress, done)).containsExactly("migrate", "proxy");
    assertThat(done[0]).isFalse();
    progress.put("proxy", STARTED);
    assertThat(pass(inits, false, progress, done)).containsExactly("migrate", "proxy", "warm");
    assertThat(done[0]).isFalse();
    progress.put("warm", SUCCEEDED);
    pass(inits, false, progress, done);
    assertThat(done[0]).isTrue();
  }

  @Test
  void onceInitializedOnlySidecarsAreKeptRunning() {
    List<Container> inits = List.of(init("migrate"), sidecar("proxy"), sidecar("logs"));
    Map<String, InitOrder.Progress> progress = new HashMap<>();
    progress.put("proxy", FAILED); // crashed: restarted, but the pod stays initialized
    boolean[] done = new boolean[1];
    assertThat(pass(inits, true, progress, done)).containsExactly("proxy", "logs");
    assertThat(done[0]).isTrue();
  }

  @Test
  void aFailedInitContainerBlocksTheRest() {
    List<Container> inits = List.of(init("a"), init("b"));
    boolean[] done = new boolean[1];
    assertThat(pass(inits, false, Map.of("a", FAILED), done)).containsExactly("a");
    assertThat(done[0]).isFalse();
    assertThat(pass(List.of(), false, Map.of(), done)).isEmpty();
    assertThat(done[0]).isTrue();
  }

  @Test
  void restartPoliciesOfEachKind() {
    assertThat(InitOrder.policy("Never", sidecar("s"), true)).isEqualTo("Always");
    assertThat(InitOrder.policy("Never", init("i"), true)).isEqualTo("Never");
    assertThat(InitOrder.policy("Always", init("i"), true)).isEqualTo("OnFailure");
    assertThat(InitOrder.policy(null, init("c"), false)).isEqualTo("Always");
    assertThat(InitOrder.policy("OnFailure", init("c"), false)).isEqualTo("OnFailure");
  }

  private static ContainerStatus exited(int code) {
    return ContainerStatus.newBuilder()
        .setState(ContainerState.CONTAINER_EXITED)
        .setExitCode(code)
        .build();
  }

  private static ContainerStatus running() {
    return ContainerStatus.newBuilder().setState(ContainerState.CONTAINER_RUNNING).build();
  }

  @Test
  void regularContainersAreDoneWhenAllExitedForGood() {
    assertThat(InitOrder.regularDone("Never", List.of(exited(0), exited(1)))).isTrue();
    assertThat(InitOrder.regularDone("Never", List.of(exited(0), running()))).isFalse();
    assertThat(InitOrder.regularDone("OnFailure", List.of(exited(0)))).isTrue();
    assertThat(InitOrder.regularDone("OnFailure", List.of(exited(2)))).isFalse();
    assertThat(InitOrder.regularDone("Always", List.of(exited(0)))).isFalse();
    assertThat(InitOrder.regularDone("Never", Arrays.asList(exited(0), null))).isFalse();
  }

  @Test
  void progressFromTheRuntimeStatus() {
    assertThat(InitOrder.progress(null, false)).isEqualTo(WAITING);
    assertThat(InitOrder.progress(running(), false)).isEqualTo(RUNNING);
    assertThat(InitOrder.progress(running(), true)).isEqualTo(STARTED);
    assertThat(InitOrder.progress(exited(0), false)).isEqualTo(SUCCEEDED);
    assertThat(InitOrder.progress(exited(137), false)).isEqualTo(FAILED);
  }
}
