package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.validation.FieldPath;
import io.nauta.api.validation.NameValidation;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.Quantities;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Container resource requirements: resource names, quantities, and requests not above limits (equal
 * to them for extended resources, which cannot be overcommitted).
 */
public final class ResourceValidation {
  private ResourceValidation() {}

  /** Checks a {@code resources} block with {@code limits} and {@code requests}. */
  public static void requirements(ErrorList errs, FieldPath p, JsonNode resources) {
    if (!resources.isObject()) {
      return;
    }
    Map<String, BigDecimal> limits = new HashMap<>();
    JsonNode lim = resources.path("limits");
    if (lim.isObject()) {
      lim.properties()
          .forEach(
              e -> {
                FieldPath fp = p.child("limits").key(e.getKey());
                name(errs, fp, e.getKey());
                Quantities.check(errs, fp, e.getValue()).ifPresent(v -> limits.put(e.getKey(), v));
              });
    }
    JsonNode req = resources.path("requests");
    if (req.isObject()) {
      req.properties()
          .forEach(
              e -> {
                String name = e.getKey();
                FieldPath fp = p.child("requests").key(name);
                name(errs, fp, name);
                Optional<BigDecimal> v = Quantities.check(errs, fp, e.getValue());
                BigDecimal limit = limits.get(name);
                if (v.isEmpty()) {
                  return;
                }
                String shown = e.getValue().asText();
                if (limit != null) {
                  String limitText = lim.get(name).asText();
                  if (!overcommitAllowed(name) && v.get().compareTo(limit) != 0) {
                    errs.invalid(
                        p.child("requests"),
                        shown,
                        "must be equal to " + name + " limit of " + limitText);
                  } else if (v.get().compareTo(limit) > 0) {
                    errs.invalid(
                        p.child("requests"),
                        shown,
                        "must be less than or equal to " + name + " limit of " + limitText);
                  }
                } else if (!overcommitAllowed(name)) {
                  errs.required(
                      p.child("limits"), "Limit must be set for non overcommitable resources");
                }
              });
    }
  }

  /** Native resources may be overcommitted; extended ones ({@code example.com/gpu}) may not. */
  static boolean overcommitAllowed(String name) {
    boolean nativeName = !name.contains("/") || name.startsWith("kubernetes.io/");
    return nativeName && !name.startsWith("hugepages-");
  }

  private static void name(ErrorList errs, FieldPath p, String name) {
    if (!NameValidation.qualifiedName(name).isEmpty()) {
      errs.qualifiedName(p, name);
      return;
    }
    boolean standard =
        name.equals("cpu")
            || name.equals("memory")
            || name.equals("ephemeral-storage")
            || name.startsWith("hugepages-");
    boolean extended =
        name.contains("/") && !name.startsWith("kubernetes.io/") && !name.startsWith("requests.");
    if (!standard && !extended) {
      errs.invalid(p, name, "must be a standard resource for containers");
    }
  }
}
