package io.nauta.benchmarks;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nauta.scheduler.Profiles;
import io.nauta.scheduler.Scheduler;
import io.nauta.simulator.NodeSimulator;
import io.nauta.simulator.NodeTemplate;
import java.nio.file.Files;
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
 * <p>Usage: {@code SchedulingThroughput KUBECONFIG WORKLOAD NODES PODS} where WORKLOAD is {@code
 * basic}, {@code anti-affinity} or {@code topology-spread}.
 */
public final class SchedulingThroughput {
  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    String workload = args[1];
    int nodes = Integer.parseInt(args[2]);
    int pods = Integer.parseInt(args[3]);
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setMaxConcurrentRequests(256);
    config.setMaxConcurrentRequestsPerHost(256);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        NodeSimulator sim =
            new NodeSimulator(
                    client,
                    new NodeTemplate(
                        workload + "-", "4", "32Gi", "110", Map.of("zone", "z"), List.of()),
                    nodes,
                    Duration.ofMinutes(5),
                    Clock.systemUTC())
                .withoutPodReports()) {
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

      Set<String> bound = ConcurrentHashMap.newKeySet();
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
                      if (node != null && !node.isEmpty()) {
                        bound.add(p.getMetadata().getName());
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
      double seconds = (System.nanoTime() - start) / 1e9;
      creators.shutdownNow();
      scheduler.close();
      informer.close();
      System.out.printf(
          "%s: %d nodes, %d pods: all %s in %.1f s after the scheduler started (creating them took"
              + " %.1f s): %.0f pods/s%n",
          workload,
          nodes,
          pods,
          bound.size() == pods ? "bound" : ("NOT bound (" + bound.size() + ")"),
          seconds,
          createSeconds,
          bound.size() / seconds);
      sim.deleteNodes();
    }
    System.exit(0);
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
    return b.build();
  }
}
