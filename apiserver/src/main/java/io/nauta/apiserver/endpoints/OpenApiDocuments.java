package io.nauta.apiserver.endpoints;

import io.nauta.apiserver.registry.ResourceCatalog;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI documents, built once off the start-up path. Thread-safe.
 *
 * <p>Generating the schemas loads every protobuf model (about half a second on a cold JVM), so they
 * are not built on the start-up path: {@link #buildInBackground} starts a daemon thread once the
 * server is ready (building earlier slowed start-up on a two-core machine), and a request that
 * arrives first builds them itself or waits for the build already running. The result never
 * changes.
 */
final class OpenApiDocuments {
  private static final Logger LOG = LoggerFactory.getLogger(OpenApiDocuments.class);
  private final FutureTask<OpenApiPaths> build;

  OpenApiDocuments(ResourceCatalog catalog) {
    this.build =
        new FutureTask<>(
            () -> {
              long start = System.nanoTime();
              OpenApiPaths paths = new OpenApiPaths(catalog);
              LOG.info("OpenAPI documents built in {} ms", (System.nanoTime() - start) / 1_000_000);
              return paths;
            });
  }

  /** Starts building on a daemon thread; a no-op if a build already ran or is running. */
  void buildInBackground() {
    if (!build.isDone()) {
      Thread.ofPlatform().daemon().name("openapi-build").start(build);
    }
  }

  /** The documents, building them on this thread if no build has started yet. */
  OpenApiPaths get() {
    build.run(); // a no-op once the build has started or finished
    try {
      return build.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the OpenAPI documents", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("building the OpenAPI documents failed", e.getCause());
    }
  }
}
