package io.nauta.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.nauta.scheduler.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcesTest {

  @Test
  void podRequestsAreContainersAddedUpOrTheLargestInitContainerPlusOverhead() {
    Pod pod =
        Fixtures.pod("p", "250m", "64Mi")
            .editSpec()
            .addNewContainer()
            .withName("second")
            .withNewResources()
            .withRequests(Map.of("cpu", new Quantity("250m")))
            .endResources()
            .endContainer()
            .addToInitContainers(
                new ContainerBuilder()
                    .withName("init")
                    .withNewResources()
                    .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("32Mi")))
                    .endResources()
                    .build())
            .withOverhead(Map.of("memory", new Quantity("10Mi")))
            .endSpec()
            .build();
    Resources r = Resources.requestsOf(pod);
    assertThat(r.milliCpu()).isEqualTo(1000); // the init container's 1 CPU beats 2 x 250m
    assertThat(r.memory()).isEqualTo((64 + 10) * 1024 * 1024);
    assertThat(r.pods()).isEqualTo(1);
  }

  @Test
  void sidecarsAddToBothRunningAndInitPhases() {
    Pod pod =
        Fixtures.pod("p", "100m", null)
            .editSpec()
            .addToInitContainers(
                new ContainerBuilder()
                    .withName("proxy")
                    .withRestartPolicy("Always")
                    .withNewResources()
                    .withRequests(Map.of("cpu", new Quantity("200m")))
                    .endResources()
                    .build())
            .endSpec()
            .build();
    assertThat(Resources.requestsOf(pod).milliCpu()).isEqualTo(300);
  }

  @Test
  void readsExtendedResources() {
    Resources r =
        Resources.of(Map.of("nvidia.com/gpu", new Quantity("2"), "cpu", new Quantity("1.5")));
    assertThat(r.scalar("nvidia.com/gpu")).isEqualTo(2);
    assertThat(r.milliCpu()).isEqualTo(1500);
  }
}
