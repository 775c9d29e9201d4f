package io.nauta.scheduler.testing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builders of nodes and pods for scheduler tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A node offering {@code cpu} and {@code memory} and 110 pods. */
  public static NodeBuilder node(String name, String cpu, String memory) {
    Map<String, Quantity> allocatable = new LinkedHashMap<>();
    allocatable.put("cpu", new Quantity(cpu));
    allocatable.put("memory", new Quantity(memory));
    allocatable.put("pods", new Quantity("110"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withAllocatable(allocatable)
        .withCapacity(allocatable)
        .endStatus();
  }

  public static Node taintedNode(String name, String key, String value, String effect) {
    return node(name, "4", "8Gi")
        .editSpec()
        .withTaints(new Taint(effect, key, null, value))
        .endSpec()
        .build();
  }

  /** A pod with one container requesting {@code cpu} and {@code memory} (null: no request). */
  public static PodBuilder pod(String name, String cpu, String memory) {
    Map<String, Quantity> requests = new LinkedHashMap<>();
    if (cpu != null) {
      requests.put("cpu", new Quantity(cpu));
    }
    if (memory != null) {
      requests.put("memory", new Quantity(memory));
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("i")
        .withNewResources()
        .withRequests(requests)
        .endResources()
        .endContainer()
        .endSpec();
  }

  public static Pod pod(String name) {
    return pod(name, null, null).build();
  }

  /** A 4-cpu 8Gi node with labels given as alternating keys and values. */
  public static Node labeledNode(String name, String... keyValues) {
    return node(name, "4", "8Gi").editMetadata().withLabels(map(keyValues)).endMetadata().build();
  }

  /** A request-less pod with labels given as alternating keys and values. */
  public static PodBuilder labeledPod(String name, String... keyValues) {
    return pod(name, null, null).editMetadata().withLabels(map(keyValues)).endMetadata();
  }

  /** A map from alternating keys and values, in order. */
  public static Map<String, String> map(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
