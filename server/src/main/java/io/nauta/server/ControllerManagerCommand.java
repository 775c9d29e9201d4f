package io.nauta.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nauta controller-manager}: runs only the controllers, against the API server of a
 * kubeconfig.
 */
@Command(
    name = "controller-manager",
    mixinStandardHelpOptions = true,
    description = "Run the controllers alone, as a client of the API server in --kubeconfig.")
final class ControllerManagerCommand implements Callable<Integer> {
  @Option(names = "--kubeconfig", required = true, description = "The API server to manage.")
  Path kubeconfig;

  @CommandLine.Mixin ControllerFlags controllerFlags = new ControllerFlags();

  @CommandLine.Mixin NetworkFlags networkFlags = new NetworkFlags();

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = Components.stopSignal();
    try (AutoCloseable controllers =
        Components.startControllers(
            kubeconfig,
            controllerFlags.config(flag -> null, networkFlags.clusterCidr(flag -> null)))) {
      System.out.println(
          "Nauta controller manager is running against the API server of " + kubeconfig);
      System.out.flush();
      stop.await();
    }
    return 0;
  }
}
