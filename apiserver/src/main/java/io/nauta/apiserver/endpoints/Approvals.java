package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.registry.Meta;
import io.nauta.apiserver.registry.Registry;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.UpdatePart;
import io.nauta.apiserver.registry.WriteOptions;
import io.nauta.apiserver.resources.certificates.CertificateSigningRequestStrategy;
import io.nauta.apiserver.status.ApiException;
import java.util.List;

/**
 * The approval subresource of CertificateSigningRequests ({@code kubectl certificate
 * approve|deny}): only {@code status.conditions} is taken from the body.
 */
final class Approvals {
  private Approvals() {}

  static ObjectNode approve(
      Registry registry, ResourceType rt, String name, ObjectNode body, WriteOptions opts) {
    Registry.checkTypeMeta(rt, body);
    Registry.checkNameMatches(rt, null, name, body);
    String wantedRv = Meta.text(body, "resourceVersion");
    JsonNode conditions = body.path("status").path("conditions");
    return registry.guaranteedUpdate(
        rt,
        null,
        name,
        cur -> {
          if (!wantedRv.isEmpty() && !wantedRv.equals(Meta.text(cur, "resourceVersion"))) {
            throw ApiException.staleResourceVersion(rt.group(), rt.plural(), name);
          }
          ObjectNode old = cur.deepCopy();
          Meta.of(cur).remove("resourceVersion");
          if (conditions.isArray()) {
            cur.with("status").set("conditions", conditions.deepCopy());
          } else {
            cur.with("status").remove("conditions");
          }
          List<FieldError> errs = CertificateSigningRequestStrategy.validateConditions(cur, old);
          if (!errs.isEmpty()) {
            throw ApiException.invalid(rt.group(), rt.kind(), name, errs);
          }
          return cur;
        },
        UpdatePart.DIRECT,
        opts);
  }
}
