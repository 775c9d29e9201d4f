package io.nauta.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resourceVersion of the last write a controller made to each of its objects, so that a sync
 * can tell when its informer still holds an older copy: acting on that copy would undo or repeat
 * what the write decided (a Job marked Failed whose deleted pod is already gone from the cache
 * would otherwise get a new pod). The informer's update event for the write requeues the key.
 * Resource versions are compared as numbers, which this project's stores (the embedded store's
 * revisions, etcd's mod revisions) guarantee; a version that is not a number is never stale.
 * Thread-safe.
 */
public final class WrittenVersions {
  private final ConcurrentHashMap<String, Long> written = new ConcurrentHashMap<>();

  /** Records the version {@code result} (the object the write returned) was stored with. */
  public void wrote(String key, HasMetadata result) {
    Long version = number(result);
    if (version != null) {
      written.merge(key, version, Math::max);
    }
  }

  /**
   * Whether {@code cached} is older than the controller's own last write for {@code key}; once the
   * cache has caught up the write is forgotten.
   */
  public boolean stale(String key, HasMetadata cached) {
    Long last = written.get(key);
    if (last == null) {
      return false;
    }
    Long seen = number(cached);
    if (seen == null || seen >= last) {
      written.remove(key, last);
      return false;
    }
    return true;
  }

  public void forget(String key) {
    written.remove(key);
  }

  private static Long number(HasMetadata object) {
    if (object == null || object.getMetadata() == null) {
      return null;
    }
    try {
      return Long.parseLong(object.getMetadata().getResourceVersion());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
