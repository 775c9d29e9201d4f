package io.nauta.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts a served version of a resource to and from its storage version (e.g. autoscaling/v1
 * HorizontalPodAutoscaler to autoscaling/v2). Both methods return a new object (or the argument
 * when nothing changes) with {@code apiVersion} and {@code kind} set; they never fail on valid
 * input.
 */
public interface VersionConverter {
  VersionConverter IDENTITY =
      new VersionConverter() {
        @Override
        public ObjectNode toStorage(ObjectNode served) {
          return served;
        }

        @Override
        public ObjectNode fromStorage(ObjectNode stored) {
          return stored;
        }
      };

  ObjectNode toStorage(ObjectNode served);

  ObjectNode fromStorage(ObjectNode stored);
}
