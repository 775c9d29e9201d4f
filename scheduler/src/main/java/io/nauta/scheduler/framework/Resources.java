package io.nauta.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.nauta.api.quantity.Quantity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * An amount of each resource: CPU in millicores, memory and ephemeral storage in bytes, a number of
 * pods, and extended resources (e.g. {@code nvidia.com/gpu}) in their integer units. Immutable.
 */
public record Resources(
    long milliCpu, long memory, long ephemeralStorage, long pods, Map<String, Long> scalars) {
  public static final Resources ZERO = new Resources(0, 0, 0, 0, Map.of());

  /** The CPU a container without a CPU request counts as when scoring (as Kubernetes). */
  public static final long DEFAULT_MILLI_CPU_REQUEST = 100;

  /** The memory a container without a memory request counts as when scoring (200 MiB). */
  public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

  public Resources {
    scalars = Map.copyOf(scalars);
  }

  /** Reads a resource list ({@code cpu}, {@code memory}, ...) as Kubernetes writes it. */
  public static Resources of(Map<String, io.fabric8.kubernetes.api.model.Quantity> list) {
    if (list == null || list.isEmpty()) {
      return ZERO;
    }
    long cpu = 0;
    long mem = 0;
    long eph = 0;
    long pods = 0;
    Map<String, Long> scalars = new TreeMap<>();
    for (var e : list.entrySet()) {
      Quantity q = parse(e.getValue());
      switch (e.getKey()) {
        case "cpu" -> cpu = q.milliValue();
        case "memory" -> mem = q.value();
        case "ephemeral-storage" -> eph = q.value();
        case "pods" -> pods = q.value();
        default -> scalars.put(e.getKey(), q.value());
      }
    }
    return new Resources(cpu, mem, eph, pods, scalars);
  }

  private static Quantity parse(io.fabric8.kubernetes.api.model.Quantity q) {
    String format = q.getFormat() == null ? "" : q.getFormat();
    return Quantity.parse(q.getAmount() + format);
  }

  /**
   * What a pod asks of its node: its containers' requests added up, or the largest init container
   * (plus the sidecars started before it) if that is more, plus the pod's overhead; one pod.
   */
  public static Resources requestsOf(Pod pod) {
    PodSpec spec = pod.getSpec();
    if (spec == null) {
      return new Resources(0, 0, 0, 1, Map.of());
    }
    Resources running = sum(spec.getContainers());
    Resources sidecars = ZERO;
    Resources initPeak = ZERO;
    for (Container c : spec.getInitContainers()) {
      Resources r = requestsOf(c);
      if ("Always".equals(c.getRestartPolicy())) {
        sidecars = sidecars.add(r);
      } else {
        initPeak = initPeak.max(r.add(sidecars));
      }
    }
    Resources total = running.add(sidecars).max(initPeak).add(of(spec.getOverhead()));
    return new Resources(total.milliCpu, total.memory, total.ephemeralStorage, 1, total.scalars);
  }

  private static Resources sum(List<Container> containers) {
    Resources r = ZERO;
    for (Container c : containers) {
      r = r.add(requestsOf(c));
    }
    return r;
  }

  private static Resources requestsOf(Container c) {
    return c.getResources() == null ? ZERO : of(c.getResources().getRequests());
  }

  public Resources add(Resources o) {
    return combine(o, Long::sum);
  }

  public Resources max(Resources o) {
    return combine(o, Math::max);
  }

  private Resources combine(Resources o, BinaryOperator<Long> op) {
    Map<String, Long> s;
    if (o.scalars.isEmpty()) {
      s = scalars; // the common case: no extended resources, nothing to merge
    } else {
      s = new HashMap<>(scalars);
      o.scalars.forEach((k, v) -> s.merge(k, v, op));
    }
    return new Resources(
        op.apply(milliCpu, o.milliCpu),
        op.apply(memory, o.memory),
        op.apply(ephemeralStorage, o.ephemeralStorage),
        op.apply(pods, o.pods),
        s);
  }

  /** The amount of an extended resource, 0 if absent. */
  public long scalar(String name) {
    return scalars.getOrDefault(name, 0L);
  }
}
