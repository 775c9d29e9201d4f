package io.nauta.node.volumes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.nauta.cri.HostCleanup;
import io.nauta.node.env.PodFacts;
import io.nauta.node.sources.PodSources;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The volumes of the pods on this node, each under {@code root/<pod uid>/<plugin>/<volume>} (the
 * plugin named as kubelets name theirs, e.g. {@code kubernetes.io~configmap}). {@link #setUp} is
 * called on every pass of a pod's worker: it makes what is missing and rewrites API-data volumes
 * whose sources changed (compared in memory, so an unchanged pass touches no file). Different pods
 * may be set up from different threads at once; one pod's calls must not overlap.
 */
public final class PodVolumes {
  private final Path root;
  private final PodSources sources;
  private final AtomicWriter writer;
  private final Map<String, Map<String, VolumeState>> pods = new ConcurrentHashMap<>();

  private static final class VolumeState {
    boolean ready;
    Map<String, FileProjection> written;
    String failure;
    Path claimPath; // a persistentVolumeClaim volume's directory, once its claim is resolved
  }

  /**
   * The outcome of a set-up pass.
   *
   * @param ready whether every volume has been set up (at least once), so containers may start
   * @param newFailures volume name to why it failed, for failures not reported by an earlier pass
   */
  public record Status(boolean ready, Map<String, String> newFailures) {}

  public PodVolumes(Path root, PodSources sources, Clock clock) {
    this.root = root;
    this.sources = sources;
    this.writer = new AtomicWriter(clock);
  }

  /** Sets up (or refreshes) every volume of {@code facts.pod()}. */
  public Status setUp(PodFacts facts) {
    Pod pod = facts.pod();
    Map<String, VolumeState> states =
        pods.computeIfAbsent(uid(pod), u -> new ConcurrentHashMap<>());
    Map<String, String> newFailures = new LinkedHashMap<>();
    boolean ready = true;
    for (Volume v : volumes(pod)) {
      VolumeState state = states.computeIfAbsent(v.getName(), n -> new VolumeState());
      String failure;
      try {
        setUp(pod, v, state, facts);
        failure = null;
      } catch (Projections.Failed | AtomicWriter.InvalidPath e) {
        failure = e.getMessage();
      } catch (IOException | RuntimeException e) {
        failure = e.toString();
      }
      if (failure != null && !failure.equals(state.failure)) {
        newFailures.put(v.getName(), failure);
      }
      state.failure = failure;
      ready &= state.ready;
    }
    return new Status(ready, newFailures);
  }

  private void setUp(Pod pod, Volume v, VolumeState state, PodFacts facts) throws IOException {
    if (v.getHostPath() != null) {
      if (!state.ready) {
        Optional<String> failed =
            HostPaths.check(v.getHostPath().getPath(), v.getHostPath().getType());
        if (failed.isPresent()) {
          throw new Projections.Failed(failed.get());
        }
        state.ready = true;
      }
      return;
    }
    if (v.getPersistentVolumeClaim() != null) {
      if (!state.ready) {
        var source = v.getPersistentVolumeClaim();
        ClaimVolumes.Resolved claim =
            ClaimVolumes.resolve(
                pod.getMetadata().getNamespace(), pod.getSpec().getNodeName(), source, sources);
        var sc = pod.getSpec().getSecurityContext();
        if (claim.ownershipManaged()
            && !Boolean.TRUE.equals(source.getReadOnly())
            && sc != null
            && sc.getFsGroup() != null) {
          FsGroup.apply(claim.path(), sc.getFsGroup(), false, sc.getFsGroupChangePolicy());
        }
        state.claimPath = claim.path();
        state.ready = true;
      }
      return;
    }
    Path dir = directory(pod, v).orElseThrow(() -> new Projections.Failed(unsupported(v)));
    if (v.getEmptyDir() != null) {
      if (!state.ready) {
        boolean memory = "Memory".equals(v.getEmptyDir().getMedium());
        prepare(dir, memory, memory ? memorySize(v, facts) : 0);
        applyFsGroup(pod, dir, false);
        state.ready = true;
      }
      return;
    }
    Map<String, FileProjection> payload;
    if (v.getConfigMap() != null) {
      payload = Projections.configMap(v.getConfigMap(), facts, sources);
    } else if (v.getSecret() != null) {
      payload = Projections.secret(v.getSecret(), facts, sources);
    } else if (v.getDownwardAPI() != null) {
      payload =
          Projections.downwardApi(
              v.getDownwardAPI().getItems(),
              Projections.mode(v.getDownwardAPI().getDefaultMode()),
              facts);
    } else {
      payload = Projections.projected(v.getProjected(), facts, sources);
    }
    if (state.ready && payload.equals(state.written)) {
      return;
    }
    prepare(dir, v.getConfigMap() == null, 0);
    writer.write(dir, payload);
    applyFsGroup(pod, dir, true);
    state.written = payload;
    state.ready = true;
  }

  private static void applyFsGroup(Pod pod, Path dir, boolean readOnly) throws IOException {
    var sc = pod.getSpec().getSecurityContext();
    if (sc != null && sc.getFsGroup() != null) {
      FsGroup.apply(dir, sc.getFsGroup(), readOnly);
    }
  }

  private static void prepare(Path dir, boolean memory, long size) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, AtomicWriter.permissions(0777));
    }
    if (memory) {
      Tmpfs.ensure(dir, size);
    }
  }

  /**
   * Where volume {@code name} of {@code pod} is on this machine: its directory, a hostPath's path,
   * or the directory of a claim's PersistentVolume; empty when the pod has no such volume, its type
   * is not supported, or its claim has not been resolved by {@link #setUp} yet.
   */
  public Optional<Path> path(Pod pod, String name) {
    return volumes(pod).stream()
        .filter(v -> name.equals(v.getName()))
        .findFirst()
        .flatMap(
            v -> {
              if (v.getHostPath() != null) {
                return Optional.of(Path.of(v.getHostPath().getPath()));
              }
              if (v.getPersistentVolumeClaim() != null) {
                VolumeState state = pods.getOrDefault(uid(pod), Map.of()).get(name);
                return Optional.ofNullable(state == null ? null : state.claimPath);
              }
              return directory(pod, v);
            });
  }

  /**
   * Whether volume {@code name} is always mounted read-only: the API-data volumes are, and a claim
   * volume with {@code readOnly} set.
   */
  public static boolean readOnly(Pod pod, String name) {
    return volumes(pod).stream()
        .filter(v -> name.equals(v.getName()))
        .anyMatch(
            v ->
                v.getConfigMap() != null
                    || v.getSecret() != null
                    || v.getDownwardAPI() != null
                    || v.getProjected() != null
                    || (v.getPersistentVolumeClaim() != null
                        && Boolean.TRUE.equals(v.getPersistentVolumeClaim().getReadOnly())));
  }

  /** The directory of pod {@code uid}'s volumes and files, removed by {@link #tearDown}. */
  public Path podDir(String uid) {
    return root.resolve(checked(uid));
  }

  /** Unmounts and deletes everything of pod {@code uid}; idempotent. */
  public void tearDown(String uid) {
    pods.remove(uid);
    HostCleanup.removeDirectory(root.resolve(checked(uid)));
  }

  /**
   * Tears down the volumes left of pods removed while the agent was down: those whose UID {@code
   * live} rejects. {@code live} is asked after the directories are listed, so a pod that made its
   * volumes meanwhile is known to it.
   */
  public void removeOrphans(Predicate<String> live) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    List<String> uids = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      dirs.forEach(d -> uids.add(d.getFileName().toString()));
    }
    for (String uid : uids) {
      if (!live.test(uid)) {
        tearDown(uid);
      }
    }
  }

  private Optional<Path> directory(Pod pod, Volume v) {
    String plugin;
    if (v.getEmptyDir() != null) {
      plugin = "kubernetes.io~empty-dir";
    } else if (v.getConfigMap() != null) {
      plugin = "kubernetes.io~configmap";
    } else if (v.getSecret() != null) {
      plugin = "kubernetes.io~secret";
    } else if (v.getDownwardAPI() != null) {
      plugin = "kubernetes.io~downward-api";
    } else if (v.getProjected() != null) {
      plugin = "kubernetes.io~projected";
    } else {
      return Optional.empty();
    }
    return Optional.of(root.resolve(checked(uid(pod))).resolve(plugin).resolve(v.getName()));
  }

  private static String unsupported(Volume v) {
    return "volume " + v.getName() + " is of a type this node does not support yet";
  }

  /**
   * A memory-backed emptyDir's size, as kubelets size it: the node's allocatable memory, lowered to
   * the pod's memory limit (the sum of its containers' limits) and to the volume's {@code
   * sizeLimit} when those are smaller; 0 (the kernel's default) when nothing is known.
   */
  static long memorySize(Volume v, PodFacts facts) {
    long size = Long.MAX_VALUE;
    var allocatable = facts.allocatable().get("memory");
    if (allocatable != null && allocatable.signum() > 0) {
      size = allocatable.value();
    }
    long podLimit = 0;
    for (var c : facts.pod().getSpec().getContainers()) {
      var limits = c.getResources() == null ? null : c.getResources().getLimits();
      if (limits != null && limits.get("memory") != null) {
        podLimit += PodSources.quantity(limits.get("memory")).value();
      }
    }
    if (podLimit > 0) {
      size = Math.min(size, podLimit);
    }
    var limit = v.getEmptyDir().getSizeLimit();
    if (limit != null && PodSources.quantity(limit).signum() > 0) {
      size = Math.min(size, PodSources.quantity(limit).value());
    }
    return size == Long.MAX_VALUE ? 0 : size;
  }

  private static List<Volume> volumes(Pod pod) {
    return pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
  }

  private static String uid(Pod pod) {
    return pod.getMetadata().getUid();
  }

  private static String checked(String uid) {
    if (uid == null || uid.isEmpty() || uid.contains("/") || uid.startsWith(".")) {
      throw new IllegalArgumentException("bad pod uid: " + uid);
    }
    return uid;
  }
}
