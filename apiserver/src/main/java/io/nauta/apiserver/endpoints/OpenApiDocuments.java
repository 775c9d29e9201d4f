package io.nauta.apiserver.endpoints;

import io.nauta.apiserver.registry.ResourceCatalog;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI documents, built once off the start-up path. Thread-safe.
 *
 * <p>Generating the schemas loads every protobuf model (most of a second on a cold JVM), so a
 * daemon thread builds them as the server starts instead of delaying it; a request that arrives
 * first builds them itself, or waits for the build already running. The result never changes.
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
    Thread t = new Thread(build, "openapi-build");
    t.setDaemon(true);
    t.start();
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
