package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.apply.FieldManager;
import io.nauta.apiserver.apply.Fields;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.fieldvalidation.FieldValidation;
import io.nauta.apiserver.http.HttpRequestData;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.UpdatePart;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.status.ApiException;
import java.util.List;

/**
 * {@code PATCH} with {@code application/apply-patch+yaml}: server-side apply of the main resource,
 * creating the object when it does not exist (201).
 */
final class ServerSideApply {
  static final String MEDIA_TYPE = "application/apply-patch+yaml";

  private ServerSideApply() {}

  /** The object after the apply, and whether the apply created it. */
  record Result(ObjectNode object, boolean created) {}

  static boolean isApply(HttpRequestData req) {
    return "PATCH".equals(req.method())
        && MEDIA_TYPE.equals(Codec.mediaType(req.header("content-type")));
  }

  static Result apply(
      Registry registry,
      HttpRequestData req,
      ResourceType rt,
      String namespace,
      String name,
      WriteOptions opts,
      FieldValidation validation,
      List<String> warnings) {
    String manager = req.param("fieldManager");
    if (manager == null || manager.isEmpty()) {
      throw ApiException.badRequest(
          "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required"
              + " for apply patch");
    }
    String force = req.param("force");
    if (force != null && !force.equals("true") && !force.equals("false")) {
      throw ApiException.badRequest("force: Invalid value: \"" + force + "\": must be a boolean");
    }
    ObjectNode config = Codec.decodeObject(req.header("content-type"), req.body());
    if (!config.hasNonNull("apiVersion") || !config.hasNonNull("kind")) {
      throw ApiException.badRequest(
          "apply configuration must name its apiVersion and kind ("
              + rt.groupVersion()
              + ", "
              + rt.kind()
              + ")");
    }
    Registry.checkTypeMeta(rt, config);
    Registry.checkNameMatches(rt, namespace, name, config);
    if (config.path("metadata").has("managedFields")) {
      throw ApiException.badRequest("metadata.managedFields must be nil in an apply configuration");
    }
    warnings.addAll(validation.check(rt, config));
    boolean setsRv = !Meta.text(config, "resourceVersion").isEmpty();
    FieldManager.Write write =
        new FieldManager.Write(
            manager,
            Fields.Scope.MAIN,
            rt.hasStatus(),
            rt.groupVersion(),
            Meta.timestamp(registry.clock().instant()));
    WriteOptions applied = new WriteOptions(opts.dryRun(), manager, false).withManagedFieldsSet();
    boolean forced = "true".equals(force);
    for (int attempt = 0; ; attempt++) {
      try {
        ObjectNode out =
            registry.guaranteedUpdate(
                rt,
                namespace,
                name,
                current -> {
                  String rv = Meta.text(current, "resourceVersion");
                  ObjectNode merged = FieldManager.apply(current, config, write, forced);
                  if (!setsRv && rv.equals(Meta.text(merged, "resourceVersion"))) {
                    Meta.of(merged).remove("resourceVersion");
                  }
                  return merged;
                },
                UpdatePart.MAIN,
                applied);
        return new Result(out, false);
      } catch (ApiException e) {
        if (e.code() != 404 || attempt > 0 || setsRv) {
          throw e;
        }
      }
      try {
        ObjectNode created = FieldManager.apply(null, config, write, forced);
        return new Result(registry.create(rt, namespace, created, applied), true);
      } catch (ApiException e) {
        if (e.code() != 409 || !"AlreadyExists".equals(e.reason())) {
          throw e;
        }
        // created concurrently: apply to it as an update
      }
    }
  }
}
