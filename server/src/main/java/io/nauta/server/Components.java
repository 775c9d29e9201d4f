package io.nauta.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.client.connect.Clients;
import io.nauta.client.leaderelection.LeaderElection;
import io.nauta.controllers.manager.ControllerManager;
import io.nauta.scheduler.Profiles;
import io.nauta.scheduler.Scheduler;
import io.nauta.scheduler.SchedulerConfig;
import io.nauta.scheduler.plugins.volumebinding.ApiVolumeWrites;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;

/**
 * Starts the control plane's API clients (scheduler, controller manager) against an API server
 * given by a kubeconfig, as a remote process would: in-process components go through the API too.
 */
final class Components {
  private Components() {}

  /** A client for the API server a kubeconfig names. */
  static KubernetesClient client(Path kubeconfig) throws IOException {
    return client(kubeconfig, null);
  }

  /**
   * A client introducing itself as {@code component} (its User-Agent), which is also the field
   * manager its writes are recorded under, as Kubernetes' components do.
   */
  static KubernetesClient client(Path kubeconfig, String component) throws IOException {
    // controllers write in parallel bursts (500 pods a sync); the client's default of 5
    // requests at a time per host would serialise them
    return Clients.fromKubeconfig(kubeconfig, userAgent(component), 256);
  }

  /**
   * As {@link #client(Path, String)}, with the kubeconfig's credentials and CA but talking to
   * {@code server} (e.g. the agent's load balancer) instead of the kubeconfig's server.
   */
  static KubernetesClient client(Path kubeconfig, String component, String server)
      throws IOException {
    io.fabric8.kubernetes.client.Config config =
        io.fabric8.kubernetes.client.Config.fromKubeconfig(
            java.nio.file.Files.readString(kubeconfig));
    config.setMasterUrl(server);
    if (component != null) {
      config.setUserAgent(userAgent(component));
    }
    config.setMaxConcurrentRequests(256);
    config.setMaxConcurrentRequestsPerHost(256);
    return new io.fabric8.kubernetes.client.KubernetesClientBuilder()
        .withConfig(config)
        .withKubernetesSerialization(Clients.SERIALIZATION)
        .build();
  }

  private static String userAgent(String component) {
    return component == null
        ? null
        : component + "/" + io.nauta.apiserver.endpoints.VersionInfo.GIT_VERSION;
  }

  /**
   * Starts the default scheduler, competing for the {@code kube-system/nauta-scheduler} Lease so
   * that of several instances exactly one schedules; close the result to stop both. {@code config}
   * is a profiles file ({@link SchedulerConfig}), or null for the default profile. It talks to the
   * API server of {@code kubeconfig} as {@code nauta-scheduler}.
   */
  static AutoCloseable startScheduler(Path kubeconfig, Path config) throws IOException {
    SchedulerConfig profiles =
        config == null ? SchedulerConfig.defaults() : SchedulerConfig.load(config);
    KubernetesClient client = client(kubeconfig, "nauta-scheduler");
    Scheduler scheduler =
        new Scheduler(
            client,
            Profiles.build(
                profiles, new Random(new SecureRandom().nextLong()), new ApiVolumeWrites(client)),
            Clock.systemUTC());
    scheduler.setLeading(false);
    scheduler.start();
    LeaderElection election =
        LeaderElection.start(
            client, "kube-system", "nauta-scheduler", identity(), scheduler::setLeading);
    return () -> {
      election.close();
      scheduler.close();
      client.close();
    };
  }

  /**
   * Starts the controller manager, competing for the {@code kube-system/nauta-controller-manager}
   * Lease so that of several instances exactly one acts; close the result to stop it. It talks to
   * the API server of {@code kubeconfig} as {@code nauta-controller-manager}.
   */
  static AutoCloseable startControllers(Path kubeconfig, ControllerManager.Config config)
      throws Exception {
    KubernetesClient client = client(kubeconfig, "nauta-controller-manager");
    ControllerManager manager;
    try {
      manager = new ControllerManager(client, Clock.systemUTC(), config);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    try {
      // standby from the start: no controller acts before this instance holds the lease
      manager.startLeaderElection(identity());
      manager.start();
    } catch (Exception e) {
      manager.close();
      client.close();
      throw e;
    }
    return () -> {
      manager.close();
      client.close();
    };
  }

  /**
   * A latch that SIGTERM or SIGINT (Ctrl-C) opens, so a command can wait for it and then shut down
   * in order with exit code 0.
   */
  static java.util.concurrent.CountDownLatch stopSignal() {
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    for (String signal : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stop.countDown());
    }
    return stop;
  }

  /** This process's name in leases: host name and a random suffix, as Kubernetes does. */
  static String identity() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + "_" + java.util.UUID.randomUUID();
  }
}
