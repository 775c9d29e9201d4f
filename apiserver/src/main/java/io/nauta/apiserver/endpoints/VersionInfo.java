package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;

/** The {@code /version} answer: Kubernetes 1.32 compatible, so kubectl picks its 1.32 client. */
public final class VersionInfo {
  public static final String MAJOR = "1";
  public static final String MINOR = "32";
  public static final String GIT_VERSION = "v1.32.0-nauta.0.1.0";

  private VersionInfo() {}

  public static ObjectNode object() {
    ObjectNode v = Codec.JSON.createObjectNode();
    v.put("major", MAJOR);
    v.put("minor", MINOR);
    v.put("gitVersion", GIT_VERSION);
    v.put("gitCommit", "nauta");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2026-11-25T00:00:00Z");
    v.put("goVersion", "java" + Runtime.version().feature());
    v.put("compiler", "nauta");
    v.put("platform", "linux/amd64");
    return v;
  }
}
