package io.nauta.apiserver.resources.core;

/**
 * Just enough of container image reference parsing ({@code name[:tag][@digest]}) to default {@code
 * imagePullPolicy}: {@code Always} for the {@code latest} tag or no tag, else {@code IfNotPresent}.
 */
final class ImageRef {
  private ImageRef() {}

  /**
   * The tag of {@code image}: "latest" when neither tag nor digest is given, "" with a digest only.
   */
  static String tag(String image) {
    String name = image;
    boolean digest = false;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
      digest = true;
    }
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      return name.substring(colon + 1);
    }
    return digest || image.isEmpty() ? "" : "latest";
  }

  static String defaultPullPolicy(String image) {
    return tag(image).equals("latest") ? "Always" : "IfNotPresent";
  }
}
