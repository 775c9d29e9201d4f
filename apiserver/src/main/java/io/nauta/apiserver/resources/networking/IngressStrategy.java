package io.nauta.apiserver.resources.networking;

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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ingresses: at least a default backend or one rule; every HTTP path has a backend and a path type
 * Exact, Prefix or ImplementationSpecific; hosts are DNS subdomains (a leading "*." allowed).
 */
public final class IngressStrategy implements ResourceStrategy {
  private static final FieldPath SPEC = FieldPath.of("spec");

  /** The networking.k8s.io/v1 ingresses resource. */
  public static ResourceType resourceType() {
    return ResourceType.builder("networking.k8s.io", "v1", "Ingress", "ingresses")
        .shortNames("ing")
        .subresources("status")
        .strategy(new IngressStrategy())
        .build();
  }

  @Override
  public List<FieldError> validate(ObjectNode ing) {
    ErrorList errs = new ErrorList();
    JsonNode spec = ing.path("spec");
    List<ObjectNode> rules = Json.objects(spec, "rules");
    if (!Json.has(spec, "defaultBackend") && rules.isEmpty()) {
      errs.invalid(SPEC, null, "either `defaultBackend` or `rules` must be specified");
    }
    for (int i = 0; i < rules.size(); i++) {
      FieldPath rp = SPEC.child("rules").index(i);
      String host = Json.text(rules.get(i), "host");
      if (!host.isEmpty()) {
        errs.dns1123Subdomain(rp.child("host"), host.startsWith("*.") ? host.substring(2) : host);
      }
      List<ObjectNode> paths = Json.objects(rules.get(i), "http", "paths");
      for (int j = 0; j < paths.size(); j++) {
        FieldPath pp = rp.child("http").child("paths").index(j);
        ObjectNode path = paths.get(j);
        if (Json.text(path, "pathType").isEmpty()) {
          errs.required(pp.child("pathType"), "pathType must be specified");
        } else {
          errs.oneOf(
              pp.child("pathType"),
              Json.text(path, "pathType"),
              "Exact",
              "ImplementationSpecific",
              "Prefix");
        }
        if (!Json.has(path, "backend")) {
          errs.required(pp.child("backend"), "");
        }
      }
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Class", "The ingress class that serves it."),
        TableColumn.string("Hosts", "The hosts it routes."),
        TableColumn.string("Address", "The load balancer's addresses."),
        TableColumn.string("Ports", "The ports it listens on."),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode ing, Instant now) {
    JsonNode spec = ing.path("spec");
    Set<String> hosts = new LinkedHashSet<>();
    for (ObjectNode r : Json.objects(spec, "rules")) {
      hosts.add(Json.text(r, "host").isEmpty() ? "*" : Json.text(r, "host"));
    }
    List<String> addresses = new ArrayList<>();
    for (ObjectNode lb : Json.objects(ing, "status", "loadBalancer", "ingress")) {
      addresses.add(Json.has(lb, "ip") ? Json.text(lb, "ip") : Json.text(lb, "hostname"));
    }
    String cls = Json.text(spec, "ingressClassName");
    return List.of(
        Printing.name(ing),
        cls.isEmpty() ? "<none>" : cls,
        hosts.isEmpty() ? "*" : String.join(",", hosts),
        String.join(",", addresses),
        Json.size(spec, "tls") > 0 ? "80, 443" : "80",
        Printing.age(ing, now));
  }
}
