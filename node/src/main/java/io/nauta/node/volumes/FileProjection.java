package io.nauta.node.volumes;

import java.util.Arrays;

/**
 * One file of an API-data volume: its bytes and permission bits (e.g. {@code 0644}).
 *
 * @param data the content; not copied, so never change it afterwards
 * @param mode the permission bits, at most {@code 0777}
 */
public record FileProjection(byte[] data, int mode) {
  @Override
  public boolean equals(Object o) {
    return o instanceof FileProjection f && f.mode == mode && Arrays.equals(f.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(data) + mode;
  }

  @Override
  public String toString() {
    return "FileProjection[" + data.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
  }
}
