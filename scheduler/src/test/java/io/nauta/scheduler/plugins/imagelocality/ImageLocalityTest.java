package io.nauta.scheduler.plugins.imagelocality;

import static io.nauta.scheduler.testing.Fixtures.node;
import static io.nauta.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageLocalityTest {
  private static final long MB = 1024L * 1024;
  private final ImageLocality plugin = new ImageLocality();

  private static Node nodeWithImages(String name, ContainerImage... images) {
    return node(name, "4", "8Gi").editStatus().withImages(images).endStatus().build();
  }

  private static ContainerImage image(long mb, String... names) {
    return new ContainerImage(List.of(names), mb * MB);
  }

  private static Pod podWithImages(String... images) {
    var b = pod("p", null, null).editSpec().withContainers().endSpec();
    for (int i = 0; i < images.length; i++) {
      b =
          b.editSpec()
              .addNewContainer()
              .withName("c" + i)
              .withImage(images[i])
              .endContainer()
              .endSpec();
    }
    return b.build();
  }

  static Stream<Arguments> cases() {
    Node big = nodeWithImages("big", image(500, "registry.io/app:v1"));
    Node huge = nodeWithImages("huge", image(3000, "registry.io/app:v1"));
    Node tiny = nodeWithImages("tiny", image(10, "registry.io/app:v1"));
    Node latest = nodeWithImages("latest", image(500, "nginx:latest", "nginx@sha256:abc"));
    Node bare = nodeWithImages("bare");
    return Stream.of(
        Arguments.of(
            "no image held scores 0", podWithImages("registry.io/app:v1"), bare, List.of(), 0L),
        Arguments.of(
            "image below 23 MB scores 0", podWithImages("registry.io/app:v1"), tiny, List.of(), 0L),
        Arguments.of(
            "500 MB on the only node", podWithImages("registry.io/app:v1"), big, List.of(), 48L),
        Arguments.of(
            "image above 1000 MB scores 100",
            podWithImages("registry.io/app:v1"),
            huge,
            List.of(),
            100L),
        Arguments.of(
            "held by one of two nodes: half the size counts",
            podWithImages("registry.io/app:v1"),
            big,
            List.of(bare),
            // 250 MB scaled between 23 and 1000 MB
            100L * (250 * MB - 23 * MB) / (1000 * MB - 23 * MB)),
        Arguments.of(
            "two containers share the threshold",
            podWithImages("registry.io/app:v1", "other:v2"),
            big,
            List.of(),
            100L * (500 * MB - 23 * MB) / (2000 * MB - 23 * MB)),
        Arguments.of("untagged means latest", podWithImages("nginx"), latest, List.of(), 48L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scores(String name, Pod pod, Node node, List<Node> others, long expected) {
    NodeInfo candidate = NodeInfo.of(node, List.of());
    List<NodeInfo> all =
        Stream.concat(Stream.of(candidate), others.stream().map(n -> NodeInfo.of(n, List.of())))
            .toList();
    CycleState state = new CycleState();
    plugin.preFilter(state, pod, all);
    assertThat(plugin.score(state, pod, candidate)).isEqualTo(expected).isBetween(0L, 100L);
  }

  @Test
  void normalizesImageReferences() {
    assertThat(ImageLocality.normalize("nginx")).isEqualTo("nginx:latest");
    assertThat(ImageLocality.normalize("localhost:5000/app"))
        .isEqualTo("localhost:5000/app:latest");
    assertThat(ImageLocality.normalize("localhost:5000/app:1")).isEqualTo("localhost:5000/app:1");
    assertThat(ImageLocality.normalize("app@sha256:ff")).isEqualTo("app@sha256:ff");
  }
}
