package io.nauta.benchmarks;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nauta.client.connect.Clients;
import io.nauta.scheduler.Profiles;
import io.nauta.scheduler.Scheduler;
import io.nauta.simulator.NodeSimulator;
import io.nauta.simulator.NodeTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * scheduler_perf-shaped throughput: registers simulated nodes, creates all pods, then starts a
 * scheduler (in this process, an API client like the one in {@code nauta server}, which must run
 * with {@code --disable-scheduler}) and measures from its start until every pod is bound. Prints
 * pods/s.
 *
 * <p>Usage: {@code SchedulingThroughput KUBECONFIG WORKLOAD NODES PODS} where WORKLOAD is one of
 *
 * <ul>
 *   <li>{@code basic}: pods with small requests;
 *   <li>{@code anti-affinity}: each pod refuses a node with another of them (required pod
 *       anti-affinity on the host name), so at most one per node;
 *   <li>{@code topology-spread}: nodes in 10 zones, pods spread over them with maxSkew 5
 *       (DoNotSchedule);
 *   <li>{@code preemption}: every node already full of 4 low-priority pods (bound directly, not
 *       measured); each high-priority pod must preempt one, and is counted once bound after its
 *       victim is gone (the simulated nodes finish deleting evicted pods, as a kubelet would).
 * </ul>
 */
public final class SchedulingThroughput {
  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    String workload = args[1];
    int nodes = Integer.parseInt(args[2]);
    int pods = Integer.parseInt(args[3]);
    try (KubernetesClient client = Clients.fromKubeconfig(kubeconfig, null, 256);
        NodeSimulator sim =
            new NodeSimulator(
                client,
                new NodeTemplate(
                    workload + "-",
                    "4",
                    "32Gi",
                    "110",
                    Map.of(),
                    List.of(),
                    workload.equals("topology-spread") ? 10 : 0),
                nodes,
                Duration.ofMinutes(5),
                Clock.systemUTC())) {
      if (!workload.equals("preemption")) {
        sim.withoutPodReports(); // scheduling alone is measured
      }
      long t0 = System.nanoTime();
      sim.start();
      System.out.printf(
          "%s: %d simulated nodes registered in %.1f s%n",
          workload, nodes, (System.nanoTime() - t0) / 1e9);
      String ns = "bench-" + workload;
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();

      if (workload.equals("preemption")) {
        fillWithLowPriorityPods(client, ns, sim, 4);
      }
      Set<String> bound = ConcurrentHashMap.newKeySet();
      java.util.concurrent.atomic.AtomicLong firstBound =
          new java.util.concurrent.atomic.AtomicLong();
      SharedIndexInformer<Pod> informer =
          client
              .pods()
              .inNamespace(ns)
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod p) {
                      track(p);
                    }

                    @Override
                    public void onUpdate(Pod o, Pod p) {
                      track(p);
                    }

                    @Override
                    public void onDelete(Pod p, boolean unknown) {}

                    private void track(Pod p) {
                      String node = p.getSpec().getNodeName();
                      if (node != null
                          && !node.isEmpty()
                          && p.getMetadata().getName().startsWith("p-")
                          && bound.add(p.getMetadata().getName())) {
                        firstBound.compareAndSet(0, System.nanoTime());
                      }
                    }
                  });
      ExecutorService creators = Executors.newFixedThreadPool(16);
      long createStart = System.nanoTime();
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < pods; i++) {
        Pod pod = pod(workload, "p-" + i);
        created.add(creators.submit(() -> client.pods().inNamespace(ns).resource(pod).create()));
      }
      for (Future<?> f : created) {
        f.get();
      }
      double createSeconds = (System.nanoTime() - createStart) / 1e9;
      long start = System.nanoTime();
      Scheduler scheduler =
          new Scheduler(
              client,
              Profiles.defaultProfile(new Random(1)),
              Scheduler.DEFAULT_NAME,
              Clock.systemUTC());
      scheduler.start();
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (bound.size() < pods && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long end = System.nanoTime();
      double seconds = (end - start) / 1e9;
      double bindingSeconds = (end - firstBound.get()) / 1e9;
      creators.shutdownNow();
      scheduler.close();
      informer.close();
      System.out.printf(
          "%s: %d nodes, %d pods: all %s in %.1f s after the scheduler started (creating them took"
              + " %.1f s): %.0f pods/s; from the first binding on (caches synced): %.0f pods/s%n",
          workload,
          nodes,
          pods,
          bound.size() == pods ? "bound" : ("NOT bound (" + bound.size() + ")"),
          seconds,
          createSeconds,
          bound.size() / seconds,
          (bound.size() - 1) / bindingSeconds);
      sim.deleteNodes();
    }
    System.exit(0);
  }

  /** Binds {@code perNode} 1-cpu low-priority pods to every node, directly (no scheduler). */
  private static void fillWithLowPriorityPods(
      KubernetesClient client, String ns, NodeSimulator sim, int perNode) throws Exception {
    for (String[] pc : new String[][] {{"bench-low", "100"}, {"bench-high", "100000"}}) {
      client
          .scheduling()
          .v1()
          .priorityClasses()
          .resource(
              new io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder()
                  .withNewMetadata()
                  .withName(pc[0])
                  .endMetadata()
                  .withValue(Integer.parseInt(pc[1]))
                  .build())
          .createOr(x -> x.update());
    }
    ExecutorService creators = Executors.newFixedThreadPool(16);
    List<Future<?>> created = new ArrayList<>();
    long t0 = System.nanoTime();
    for (String node : sim.names()) {
      for (int i = 0; i < perNode; i++) {
        Pod low =
            new PodBuilder(pod("preemption", "low-" + node + "-" + i))
                .editSpec()
                .withNodeName(node)
                .withPriorityClassName("bench-low")
                .editFirstContainer()
                .editResources()
                .addToRequests("cpu", new Quantity("1"))
                .endResources()
                .endContainer()
                .endSpec()
                .build();
        created.add(creators.submit(() -> client.pods().inNamespace(ns).resource(low).create()));
      }
    }
    for (Future<?> f : created) {
      f.get();
    }
    creators.shutdown();
    System.out.printf(
        "preemption: %d low-priority pods bound in %.1f s%n",
        created.size(), (System.nanoTime() - t0) / 1e9);
  }

  private static Pod pod(String workload, String name) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels("app", workload)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("c")
            .withImage("registry.k8s.io/pause:3.10")
            .withNewResources()
            .addToRequests("cpu", new Quantity("10m"))
            .addToRequests("memory", new Quantity("16Mi"))
            .endResources()
            .endContainer()
            .endSpec();
    var selector =
        new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
            .addToMatchLabels("app", workload)
            .build();
    switch (workload) {
      case "anti-affinity" ->
          b.editSpec()
              .withNewAffinity()
              .withNewPodAntiAffinity()
              .addNewRequiredDuringSchedulingIgnoredDuringExecution()
              .withTopologyKey("kubernetes.io/hostname")
              .withLabelSelector(selector)
              .endRequiredDuringSchedulingIgnoredDuringExecution()
              .endPodAntiAffinity()
              .endAffinity()
              .endSpec();
      case "topology-spread" ->
          b.editSpec()
              .addNewTopologySpreadConstraint()
              .withMaxSkew(5)
              .withTopologyKey(NodeTemplate.ZONE_LABEL)
              .withWhenUnsatisfiable("DoNotSchedule")
              .withLabelSelector(selector)
              .endTopologySpreadConstraint()
              .endSpec();
      case "preemption" ->
          b.editSpec()
              .withPriorityClassName("bench-high")
              .editFirstContainer()
              .editResources()
              .addToRequests("cpu", new Quantity("1"))
              .endResources()
              .endContainer()
              .endSpec();
      default -> {}
    }
    return b.build();
  }
}
