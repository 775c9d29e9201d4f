package io.nauta.benchmarks;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.nauta.client.connect.Clients;
import io.nauta.cri.CriClient;
import io.nauta.cri.v1.ContainerConfig;
import io.nauta.cri.v1.ContainerMetadata;
import io.nauta.cri.v1.ImageSpec;
import io.nauta.cri.v1.PodSandboxConfig;
import io.nauta.cri.v1.PodSandboxMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Pod startup latency on a real node agent with real containers (image already present): from the
 * create call to a watch seeing the pod Running, for pods created one by one and all at once; the
 * same work done directly on the container runtime (RunPodSandbox + CreateContainer +
 * StartContainer) as the floor; and the agent's resident memory while it runs the pods.
 *
 * <p>Usage: {@code PodStartup KUBECONFIG NODE CONTAINERD_SOCKET AGENT_PID IMAGE ONE_BY_ONE
 * AT_ONCE}.
 */
public final class PodStartup {
  private final KubernetesClient client;
  private final String node;
  private final String image;
  private final Map<String, Long> created = new ConcurrentHashMap<>();
  private final Map<String, Long> running = new ConcurrentHashMap<>();

  private PodStartup(KubernetesClient client, String node, String image) {
    this.client = client;
    this.node = node;
    this.image = image;
  }

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    String node = args[1];
    Path socket = Path.of(args[2]);
    long agentPid = Long.parseLong(args[3]);
    String image = args[4];
    int oneByOne = Integer.parseInt(args[5]);
    int atOnce = Integer.parseInt(args[6]);
    try (KubernetesClient client = Clients.fromKubeconfig(kubeconfig, null, 256);
        CriClient cri = CriClient.connect(socket)) {
      PodStartup b = new PodStartup(client, node, image);
      try (Watch w = b.watchRunning()) {
        b.measure("warm-up", 1, false);
        b.deleteAll();
        List<Double> serial = b.measure("serial", oneByOne, false);
        print("created one by one", serial);
        System.out.printf("agent RSS with %d pods: %d MB%n", oneByOne, rssKb(agentPid) / 1024);
        b.deleteAll();
        List<Double> burst = b.measure("burst", atOnce, true);
        print("created at once", burst);
        System.out.printf("agent RSS with %d pods: %d MB%n", atOnce, rssKb(agentPid) / 1024);
        b.deleteAll();
      }
      print(
          "CRI floor one by one (RunPodSandbox+Create+StartContainer)",
          criFloor(cri, image, 20, 1));
      print("CRI floor, all at once", criFloor(cri, image, atOnce, atOnce));
    }
  }

  private Watch watchRunning() {
    return client
        .pods()
        .inNamespace("default")
        .withLabel("app", "startup-bench")
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Pod p) {
                if (p.getStatus() != null && "Running".equals(p.getStatus().getPhase())) {
                  running.putIfAbsent(p.getMetadata().getName(), System.nanoTime());
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  /** Creates {@code count} pods (in parallel when {@code atOnce}); seconds to Running each. */
  private List<Double> measure(String prefix, int count, boolean atOnce) throws Exception {
    List<String> names = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(atOnce ? 32 : 1);
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = prefix + "-" + i;
        names.add(name);
        futures.add(
            pool.submit(
                () -> {
                  created.put(name, System.nanoTime());
                  client.pods().inNamespace("default").resource(pod(name)).create();
                  if (!atOnce) {
                    awaitRunning(List.of(name));
                  }
                  return null;
                }));
      }
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    awaitRunning(names);
    List<Double> seconds = new ArrayList<>();
    for (String n : names) {
      seconds.add((running.get(n) - created.get(n)) / 1e9);
    }
    return seconds;
  }

  private void awaitRunning(List<String> names) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (!names.stream().allMatch(running::containsKey)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pods not Running within 5 min");
      }
      Thread.sleep(5);
    }
  }

  private Pod pod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app", "startup-bench")
        .endMetadata()
        .withNewSpec()
        .addToNodeSelector("kubernetes.io/hostname", node)
        .withTerminationGracePeriodSeconds(0L)
        .addNewContainer()
        .withName("c")
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sleep", "3600")
        .endContainer()
        .endSpec()
        .build();
  }

  private void deleteAll() throws InterruptedException {
    client.pods().inNamespace("default").withLabel("app", "startup-bench").delete();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!client
        .pods()
        .inNamespace("default")
        .withLabel("app", "startup-bench")
        .list()
        .getItems()
        .isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pods not gone within 3 min");
      }
      Thread.sleep(200);
    }
  }

  /**
   * The same work straight on the runtime, {@code parallel} pods at a time; seconds each from the
   * moment all were asked for (so at once it includes the wait for the runtime).
   */
  static List<Double> criFloor(CriClient cri, String image, int count, int parallel)
      throws Exception {
    List<Double> seconds = Collections.synchronizedList(new ArrayList<>());
    List<String> sandboxes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  long t0 = parallel == 1 ? System.nanoTime() : start;
                  String uid = UUID.randomUUID().toString();
                  PodSandboxConfig sandbox =
                      PodSandboxConfig.newBuilder()
                          .setMetadata(
                              PodSandboxMetadata.newBuilder()
                                  .setName("floor-" + n)
                                  .setNamespace("bench")
                                  .setUid(uid))
                          .setHostname("floor-" + n)
                          .setLogDirectory(
                              Path.of(System.getProperty("java.io.tmpdir"), "floor-" + uid)
                                  .toString())
                          .build();
                  String id = cri.runPodSandbox(sandbox);
                  sandboxes.add(id);
                  String c =
                      cri.createContainer(
                          id,
                          ContainerConfig.newBuilder()
                              .setMetadata(ContainerMetadata.newBuilder().setName("c"))
                              .setImage(ImageSpec.newBuilder().setImage(image))
                              .addCommand("sleep")
                              .addArgs("3600")
                              .setLogPath("c.log")
                              .build(),
                          sandbox);
                  cri.startContainer(c);
                  seconds.add((System.nanoTime() - t0) / 1e9);
                  return null;
                }));
      }
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
      for (String id : sandboxes) {
        cri.stopPodSandbox(id);
        cri.removePodSandbox(id);
      }
    }
    return seconds;
  }

  static long rssKb(long pid) throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  static void print(String what, List<Double> seconds) {
    List<Double> s = new ArrayList<>(seconds);
    Collections.sort(s);
    System.out.printf(
        "%-58s n=%3d  p50 %.3f s  p90 %.3f s  p99 %.3f s  max %.3f s%n",
        what, s.size(), pct(s, 50), pct(s, 90), pct(s, 99), s.get(s.size() - 1));
  }

  static double pct(List<Double> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
  }
}
