package io.nauta.apiserver.resources.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.List;

/**
 * Leases: a positive {@code leaseDurationSeconds}, non-negative {@code leaseTransitions}, a
 * preferred holder only with a strategy; the table shows the holder.
 */
public final class LeaseStrategy implements ResourceStrategy {

  /** The coordination.k8s.io/v1 leases resource. */
  public static ResourceType resourceType() {
    return ResourceType.builder("coordination.k8s.io", "v1", "Lease", "leases")
        .strategy(new LeaseStrategy())
        .build();
  }

  @Override
  public List<FieldError> validate(ObjectNode lease) {
    ErrorList errs = new ErrorList();
    FieldPath sp = FieldPath.of("spec");
    JsonNode spec = lease.path("spec");
    errs.positive(sp.child("leaseDurationSeconds"), spec.get("leaseDurationSeconds"));
    errs.nonNegative(sp.child("leaseTransitions"), spec.get("leaseTransitions"));
    if (Json.has(spec, "preferredHolder") && !Json.has(spec, "strategy")) {
      errs.forbidden(sp.child("preferredHolder"), "may only be specified if `strategy` is defined");
    }
    if (Json.has(spec, "strategy")) {
      String strategy = Json.text(spec, "strategy");
      errs.qualifiedName(sp.child("strategy"), strategy);
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Holder", "The identity of the lease holder."),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode lease, Instant now) {
    return List.of(
        Printing.name(lease), Json.text(lease, "spec", "holderIdentity"), Printing.age(lease, now));
  }
}
