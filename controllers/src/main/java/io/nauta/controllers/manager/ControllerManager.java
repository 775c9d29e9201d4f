package io.nauta.controllers.manager;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nauta.client.events.EventRecorder;
import io.nauta.client.leaderelection.LeaderElection;
import io.nauta.controllers.cronjob.CronJobController;
import io.nauta.controllers.daemonset.DaemonSetController;
import io.nauta.controllers.deployment.DeploymentController;
import io.nauta.controllers.disruption.DisruptionController;
import io.nauta.controllers.endpoint.EndpointsController;
import io.nauta.controllers.endpointslice.EndpointSliceController;
import io.nauta.controllers.garbagecollector.GarbageCollector;
import io.nauta.controllers.job.Backoff;
import io.nauta.controllers.job.JobController;
import io.nauta.controllers.namespace.NamespaceController;
import io.nauta.controllers.nodeipam.NodeIpamController;
import io.nauta.controllers.nodelifecycle.NodeLifecycleController;
import io.nauta.controllers.podautoscaler.ApiPodMetricsSource;
import io.nauta.controllers.podautoscaler.HorizontalPodAutoscalerController;
import io.nauta.controllers.podgc.PodGcController;
import io.nauta.controllers.replicaset.ReplicaSetController;
import io.nauta.controllers.runtime.Controller;
import io.nauta.controllers.runtime.Discovery;
import io.nauta.controllers.runtime.Informers;
import io.nauta.controllers.serviceaccount.ServiceAccountController;
import io.nauta.controllers.servicelb.ServiceLbController;
import io.nauta.controllers.statefulset.StatefulSetController;
import io.nauta.controllers.tainteviction.TaintEvictionController;
import io.nauta.controllers.ttlafterfinished.TtlAfterFinishedController;
import io.nauta.controllers.volume.expand.ExpandController;
import io.nauta.controllers.volume.localpath.LocalPathProvisioner;
import io.nauta.controllers.volume.persistentvolume.PersistentVolumeController;
import io.nauta.controllers.volume.pvcprotection.PvcProtectionController;
import io.nauta.controllers.volume.pvprotection.PvProtectionController;
import java.time.Clock;
import java.util.List;

/**
 * Every controller of the cluster on shared informers. {@link #start} lists and watches, then runs
 * the controllers as a standby; with {@link #startLeaderElection} only the instance holding the
 * Lease acts, and a standby takes over within about 12 s of the leader's death.
 */
public final class ControllerManager implements AutoCloseable {
  public static final String LEASE_NAMESPACE = "kube-system";
  public static final String LEASE_NAME = "nauta-controller-manager";

  private final Informers informers;
  private final EventRecorder events;
  private final List<Controller> controllers;
  private final GarbageCollector garbageCollector;
  private final KubernetesClient client;
  private LeaderElection election;

  /**
   * What the controllers are tuned with.
   *
   * @param nodes node health: grace period and monitor period
   * @param podGc pod garbage collection: finished pods kept, period
   * @param ipam nodes' pod CIDRs: the cluster CIDR and the size of each node's share
   * @param serviceLb whether LoadBalancer services get the nodes as their load balancer
   * @param podAutoscaler horizontal pod autoscaling: sync period, stabilization, tolerance
   */
  public record Config(
      NodeLifecycleController.Config nodes,
      PodGcController.Config podGc,
      NodeIpamController.Config ipam,
      boolean serviceLb,
      HorizontalPodAutoscalerController.Config podAutoscaler) {
    public static final Config DEFAULTS =
        new Config(
            NodeLifecycleController.Config.DEFAULTS,
            PodGcController.Config.DEFAULTS,
            NodeIpamController.Config.DEFAULTS,
            true,
            HorizontalPodAutoscalerController.Config.DEFAULTS);
  }

  /** Builds the controllers with default settings. */
  public ControllerManager(KubernetesClient client, Clock clock) {
    this(client, clock, Config.DEFAULTS);
  }

  /** Builds the controllers; reads the API server's discovery documents. */
  public ControllerManager(KubernetesClient client, Clock clock, Config config) {
    this.client = client;
    this.informers = new Informers(client);
    this.events = new EventRecorder(client, "controller-manager", clock);
    List<Discovery.Kind> kinds = Discovery.deletableKinds(client);
    this.garbageCollector = new GarbageCollector(client, kinds);
    List<Controller> all =
        new java.util.ArrayList<>(
            List.of(
                new ReplicaSetController(client, informers, events, clock),
                new DeploymentController(client, informers, events, clock),
                new DaemonSetController(client, informers, events, clock),
                new StatefulSetController(client, informers, events, clock),
                new ServiceAccountController(client, informers),
                new DisruptionController(client, informers, clock),
                new NodeLifecycleController(client, informers, events, clock, config.nodes()),
                new TaintEvictionController(client, informers, events, clock),
                new NodeIpamController(client, informers, events, config.ipam()),
                new EndpointsController(client, informers),
                new EndpointSliceController(client, informers, clock),
                new PodGcController(client, informers, clock, config.podGc()),
                new JobController(client, informers, events, clock, Backoff.DEFAULT),
                new TtlAfterFinishedController(client, informers, clock),
                new CronJobController(client, informers, events, clock),
                new HorizontalPodAutoscalerController(
                    client,
                    informers,
                    events,
                    clock,
                    config.podAutoscaler(),
                    new ApiPodMetricsSource(client)),
                new PersistentVolumeController(client, informers, events, clock),
                new PvcProtectionController(client, informers),
                new PvProtectionController(client, informers),
                new LocalPathProvisioner(client, informers, events),
                new ExpandController(client, informers, events),
                new NamespaceController(client, informers, kinds),
                garbageCollector));
    if (config.serviceLb()) {
      all.add(new ServiceLbController(client, informers, events));
    }
    this.controllers = List.copyOf(all);
  }

  /** The controllers' names, e.g. {@code replicaset}. */
  public List<String> names() {
    return controllers.stream().map(Controller::name).toList();
  }

  /** Starts the informers, waits for their first lists, and runs the controllers. */
  public void start() throws Exception {
    informers.start();
    garbageCollector.startInformers();
    controllers.forEach(Controller::run);
  }

  /** Acts only while holding the lease; call before {@link #start} so nothing acts before. */
  public void startLeaderElection(String identity) {
    setLeading(false);
    election =
        LeaderElection.start(client, LEASE_NAMESPACE, LEASE_NAME, identity, this::setLeading);
  }

  private void setLeading(boolean leading) {
    controllers.forEach(c -> c.setActive(leading));
  }

  @Override
  public void close() {
    if (election != null) {
      election.close();
    }
    controllers.forEach(Controller::close);
    informers.close();
    events.close();
  }
}
