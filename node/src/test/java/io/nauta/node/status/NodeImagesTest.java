package io.nauta.node.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.nauta.cri.v1.Image;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeImagesTest {
  private static Image image(String tag, long size) {
    return Image.newBuilder()
        .setId("sha256:" + tag)
        .addRepoTags(tag)
        .addRepoDigests(tag.replaceAll(":.*", "") + "@sha256:abc")
        .setSize(size)
        .build();
  }

  @Test
  void largestFirstWithDigestsAndTagsAtMostFifty() {
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      images.add(image("img" + i + ":1", i));
    }
    images.add(Image.newBuilder().setId("sha256:untagged").setSize(1000).build());
    List<ContainerImage> out = NodeImages.of(images);
    assertThat(out).hasSize(49); // the untagged one has no name to report
    assertThat(out.get(0).getNames()).containsExactly("img59@sha256:abc", "img59:1");
    assertThat(out.get(0).getSizeBytes()).isEqualTo(59L);
  }
}
