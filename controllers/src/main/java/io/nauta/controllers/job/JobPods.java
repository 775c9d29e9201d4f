package io.nauta.controllers.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.nauta.controllers.runtime.PodControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pods of Jobs: how they are built from the template, and what their status says. */
public final class JobPods {
  public static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  public static final String LEGACY_CONTROLLER_UID = "controller-uid";
  public static final String JOB_NAME = "batch.kubernetes.io/job-name";
  public static final String LEGACY_JOB_NAME = "job-name";
  public static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
  public static final String INDEX_ENV = "JOB_COMPLETION_INDEX";

  private JobPods() {}

  /**
   * A new pod of {@code job} from its template, labelled with the Job's name and uid; for an
   * Indexed Job ({@code index} not null) also named {@code <job>-<index>-}, with hostname {@code
   * <job>-<index>}, the index as annotation and label, and {@code JOB_COMPLETION_INDEX} in every
   * container's environment.
   */
  public static Pod newPod(Job job, Integer index) {
    Pod pod = PodControl.fromTemplate(job, job.getSpec().getTemplate(), null);
    String name = job.getMetadata().getName();
    String uid = job.getMetadata().getUid();
    Map<String, String> labels = new LinkedHashMap<>();
    if (pod.getMetadata().getLabels() != null) {
      labels.putAll(pod.getMetadata().getLabels());
    }
    labels.putIfAbsent(CONTROLLER_UID, uid);
    labels.putIfAbsent(LEGACY_CONTROLLER_UID, uid);
    labels.putIfAbsent(JOB_NAME, name);
    labels.putIfAbsent(LEGACY_JOB_NAME, name);
    pod.getMetadata().setLabels(labels);
    if (index != null) {
      String i = Integer.toString(index);
      labels.put(COMPLETION_INDEX, i);
      Map<String, String> annotations = new LinkedHashMap<>();
      if (pod.getMetadata().getAnnotations() != null) {
        annotations.putAll(pod.getMetadata().getAnnotations());
      }
      annotations.put(COMPLETION_INDEX, i);
      pod.getMetadata().setAnnotations(annotations);
      pod.getMetadata().setGenerateName(name + "-" + i + "-");
      if (pod.getSpec().getHostname() == null) {
        pod.getSpec().setHostname(name + "-" + i);
      }
      addIndexEnv(pod.getSpec().getContainers());
      addIndexEnv(pod.getSpec().getInitContainers());
    }
    return pod;
  }

  private static void addIndexEnv(List<Container> containers) {
    if (containers == null) {
      return;
    }
    for (Container c : containers) {
      List<EnvVar> env = c.getEnv() == null ? new ArrayList<>() : new ArrayList<>(c.getEnv());
      if (env.stream().noneMatch(e -> INDEX_ENV.equals(e.getName()))) {
        env.add(
            new EnvVarBuilder()
                .withName(INDEX_ENV)
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.annotations['" + COMPLETION_INDEX + "']")
                .endFieldRef()
                .endValueFrom()
                .build());
      }
      c.setEnv(env);
    }
  }

  /** The pod's completion index (annotation, else label), or null. */
  public static Integer index(Pod p) {
    String v =
        p.getMetadata().getAnnotations() == null
            ? null
            : p.getMetadata().getAnnotations().get(COMPLETION_INDEX);
    if (v == null && p.getMetadata().getLabels() != null) {
      v = p.getMetadata().getLabels().get(COMPLETION_INDEX);
    }
    try {
      return v == null ? null : Integer.valueOf(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static String phase(Pod p) {
    return p.getStatus() == null ? null : p.getStatus().getPhase();
  }

  public static boolean succeeded(Pod p) {
    return "Succeeded".equals(phase(p));
  }

  public static boolean failed(Pod p) {
    return "Failed".equals(phase(p));
  }

  /**
   * When the pod finished: its containers' latest termination, else the Ready condition's last
   * change, else its creation.
   */
  public static Instant finishTime(Pod p) {
    Instant latest = null;
    for (ContainerStatus s : statuses(p)) {
      if (s.getState() != null
          && s.getState().getTerminated() != null
          && s.getState().getTerminated().getFinishedAt() != null) {
        Instant t = Instant.parse(s.getState().getTerminated().getFinishedAt());
        latest = latest == null || t.isAfter(latest) ? t : latest;
      }
    }
    if (latest != null) {
      return latest;
    }
    if (p.getStatus() != null && p.getStatus().getConditions() != null) {
      for (PodCondition c : p.getStatus().getConditions()) {
        if ("Ready".equals(c.getType()) && c.getLastTransitionTime() != null) {
          return Instant.parse(c.getLastTransitionTime());
        }
      }
    }
    String created = p.getMetadata().getCreationTimestamp();
    return created == null ? Instant.EPOCH : Instant.parse(created);
  }

  /** Restarts of the pod's containers so far. */
  public static int restarts(Pod p) {
    int n = 0;
    for (ContainerStatus s : statuses(p)) {
      n += s.getRestartCount() == null ? 0 : s.getRestartCount();
    }
    return n;
  }

  private static List<ContainerStatus> statuses(Pod p) {
    return p.getStatus() == null || p.getStatus().getContainerStatuses() == null
        ? List.of()
        : p.getStatus().getContainerStatuses();
  }
}
