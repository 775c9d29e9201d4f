package io.nauta.node.status;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.nauta.cri.CriClient;
import io.nauta.cri.v1.Image;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The images a node reports in {@code status.images}, as a kubelet does: the largest first, at most
 * {@value #MAX}, each with its tags and digests and size (the scheduler's ImageLocality scores by
 * them).
 */
public final class NodeImages {
  static final int MAX = 50;

  private NodeImages() {}

  /** The runtime's images; empty when it cannot be asked. */
  public static List<ContainerImage> of(CriClient cri) {
    try {
      return of(cri.listImages(null));
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  static List<ContainerImage> of(List<Image> images) {
    List<ContainerImage> out = new ArrayList<>();
    images.stream()
        .sorted(Comparator.comparingLong(Image::getSize).reversed())
        .limit(MAX)
        .forEach(
            i -> {
              List<String> names = new ArrayList<>(i.getRepoDigestsList());
              names.addAll(i.getRepoTagsList());
              if (!names.isEmpty()) {
                out.add(new ContainerImage(names, i.getSize()));
              }
            });
    return out;
  }
}
