package io.nauta.controllers.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Which action a Job's {@code podFailurePolicy} takes for a failed pod: the first rule whose {@code
 * onExitCodes} (a non-zero exit code of a container, optionally a named one, In or NotIn the
 * values) or {@code onPodConditions} (a condition of that type and status) matches; {@link
 * Action#COUNT} when none does or there is no policy.
 */
public final class PodFailurePolicies {
  /** What a failed pod does to its Job. */
  public enum Action {
    /** The Job fails at once (reason PodFailurePolicy). */
    FAIL_JOB,
    /** The failure is not counted against backoffLimit; the pod is replaced. */
    IGNORE,
    /** The failure counts against backoffLimit (the default). */
    COUNT,
    /** The pod's completion index fails and is not retried. */
    FAIL_INDEX
  }

  /** The action and the index of the rule that chose it (-1 for the default). */
  public record Match(Action action, int rule) {}

  private PodFailurePolicies() {}

  /** The action for the failed pod {@code pod} under {@code policy} (null: none). */
  public static Match match(PodFailurePolicy policy, Pod pod) {
    if (policy == null || policy.getRules() == null) {
      return new Match(Action.COUNT, -1);
    }
    List<PodFailurePolicyRule> rules = policy.getRules();
    for (int i = 0; i < rules.size(); i++) {
      PodFailurePolicyRule r = rules.get(i);
      if (matches(r, pod)) {
        return new Match(action(r.getAction()), i);
      }
    }
    return new Match(Action.COUNT, -1);
  }

  private static Action action(String a) {
    return switch (a == null ? "" : a) {
      case "FailJob" -> Action.FAIL_JOB;
      case "Ignore" -> Action.IGNORE;
      case "FailIndex" -> Action.FAIL_INDEX;
      default -> Action.COUNT;
    };
  }

  private static boolean matches(PodFailurePolicyRule r, Pod pod) {
    if (r.getOnExitCodes() != null) {
      return exitCodesMatch(r.getOnExitCodes(), pod);
    }
    if (r.getOnPodConditions() != null && !r.getOnPodConditions().isEmpty()) {
      for (PodFailurePolicyOnPodConditionsPattern want : r.getOnPodConditions()) {
        for (PodCondition c : conditions(pod)) {
          String status = want.getStatus() == null ? "True" : want.getStatus();
          if (c.getType().equals(want.getType()) && status.equals(c.getStatus())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean exitCodesMatch(PodFailurePolicyOnExitCodesRequirement req, Pod pod) {
    boolean in = !"NotIn".equals(req.getOperator());
    for (ContainerStatus s : containerStatuses(pod)) {
      if (req.getContainerName() != null && !req.getContainerName().equals(s.getName())) {
        continue;
      }
      if (s.getState() == null || s.getState().getTerminated() == null) {
        continue;
      }
      Integer code = s.getState().getTerminated().getExitCode();
      if (code == null || code == 0) {
        continue; // a successful container never matches, as in Kubernetes
      }
      if (req.getValues().contains(code) == in) {
        return true;
      }
    }
    return false;
  }

  private static List<PodCondition> conditions(Pod p) {
    return p.getStatus() == null || p.getStatus().getConditions() == null
        ? List.of()
        : p.getStatus().getConditions();
  }

  private static List<ContainerStatus> containerStatuses(Pod p) {
    List<ContainerStatus> all = new ArrayList<>();
    if (p.getStatus() != null) {
      if (p.getStatus().getInitContainerStatuses() != null) {
        all.addAll(p.getStatus().getInitContainerStatuses());
      }
      if (p.getStatus().getContainerStatuses() != null) {
        all.addAll(p.getStatus().getContainerStatuses());
      }
    }
    return all;
  }
}
