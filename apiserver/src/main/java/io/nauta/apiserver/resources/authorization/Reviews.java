package io.nauta.apiserver.resources.authorization;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.auth.UserInfo;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.status.ApiException;
import java.util.List;

/**
 * SelfSubjectReview (who am I), SelfSubjectAccessReview (may I?) and SelfSubjectRulesReview (what
 * may I do?). Until RBAC is enforced every authenticated caller may do everything, and the answers
 * say so. Stateless and thread-safe.
 */
public final class Reviews {
  static final String ALLOWED_REASON =
      "Nauta does not enforce RBAC yet: every authenticated user is allowed every action";

  private Reviews() {}

  /** The review resources to serve. */
  public static List<ResourceType> all() {
    return List.of(
        ResourceType.builder(
                "authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews")
            .clusterScoped()
            .createOnly()
            .build(),
        ResourceType.builder(
                "authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews")
            .clusterScoped()
            .createOnly()
            .build(),
        ResourceType.builder(
                "authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews")
            .clusterScoped()
            .createOnly()
            .build());
  }

  /**
   * Answers a review: the request object with its status filled in.
   *
   * @throws ApiException 422 when a required part of the question is missing
   */
  public static ObjectNode answer(ResourceType rt, ObjectNode review, UserInfo user) {
    review.putObject("metadata").putNull("creationTimestamp");
    ObjectNode status = review.putObject("status");
    switch (rt.kind()) {
      case "SelfSubjectReview" -> {
        ObjectNode u = status.putObject("userInfo");
        u.put("username", user.name());
        if (!user.uid().isEmpty()) {
          u.put("uid", user.uid());
        }
        ArrayNode groups = u.putArray("groups");
        user.groups().forEach(groups::add);
      }
      case "SelfSubjectAccessReview" -> {
        ObjectNode spec = review.path("spec") instanceof ObjectNode s ? s : null;
        if (spec == null
            || (!spec.path("resourceAttributes").isObject()
                && !spec.path("nonResourceAttributes").isObject())) {
          throw ApiException.invalid(
              rt.group(),
              rt.kind(),
              "",
              List.of(
                  io.nauta.api.validation.FieldError.invalid(
                      "spec.resourceAttributes",
                      null,
                      "exactly one of nonResourceAttributes or resourceAttributes must be"
                          + " specified")));
        }
        status.put("allowed", true);
        status.put("reason", ALLOWED_REASON);
      }
      case "SelfSubjectRulesReview" -> {
        ObjectNode rule = status.putArray("resourceRules").addObject();
        rule.putArray("verbs").add("*");
        rule.putArray("apiGroups").add("*");
        rule.putArray("resources").add("*");
        ObjectNode nonResource = status.putArray("nonResourceRules").addObject();
        nonResource.putArray("verbs").add("*");
        nonResource.putArray("nonResourceURLs").add("*");
        status.put("incomplete", false);
      }
      default -> throw new IllegalArgumentException("not a review: " + rt.kind());
    }
    return review;
  }
}
