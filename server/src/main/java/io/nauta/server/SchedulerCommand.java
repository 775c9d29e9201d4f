package io.nauta.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nauta scheduler}: runs only the scheduler, against the API server of a kubeconfig. */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    description = "Run the scheduler alone, as a client of the API server in --kubeconfig.")
final class SchedulerCommand implements Callable<Integer> {
  @Option(names = "--kubeconfig", required = true, description = "The API server to schedule for.")
  Path kubeconfig;

  @Option(names = "--config", description = "Scheduling profiles (YAML); default: one profile.")
  Path config;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = Components.stopSignal();
    try (AutoCloseable scheduler = Components.startScheduler(kubeconfig, config)) {
      System.out.println("Nauta scheduler is running against the API server of " + kubeconfig);
      System.out.flush();
      stop.await();
    }
    return 0;
  }
}
