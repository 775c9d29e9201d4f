package io.nauta.apiserver.services;

import io.nauta.api.validation.FieldError;
import io.nauta.apiserver.allocation.AllocationRange;
import io.nauta.apiserver.allocation.StoreAllocator;
import io.nauta.apiserver.status.ApiException;
import java.util.List;

/** The errors of Service allocation, worded as Kubernetes words them. */
final class AllocationErrors {
  static final String FULL = "range is full";

  private AllocationErrors() {}

  /**
   * {@code spec.clusterIPs: Invalid value: []string{"10.43.0.5"}: failed to allocate IP 10.43.0.5:
   * provided IP is already allocated}.
   */
  static ApiException ip(
      String name,
      List<String> clusterIps,
      String ip,
      StoreAllocator.Outcome o,
      AllocationRange r) {
    String why =
        o == StoreAllocator.Outcome.ALREADY_ALLOCATED
            ? "provided IP is already allocated"
            : "the provided IP ("
                + ip
                + ") is not in the valid range. The range of valid IPs is "
                + r.describe();
    return invalid(
        name,
        "spec.clusterIPs",
        goStrings(clusterIps) + ": failed to allocate IP " + ip + ": " + why);
  }

  /** {@code spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated}. */
  static ApiException port(
      String name, String field, long port, StoreAllocator.Outcome o, AllocationRange r) {
    return invalid(name, field, port + ": " + portReason(o, r));
  }

  /** The reason a requested port cannot be had. */
  static String portReason(StoreAllocator.Outcome o, AllocationRange r) {
    return o == StoreAllocator.Outcome.ALREADY_ALLOCATED
        ? "provided port is already allocated"
        : "provided port is not in the valid range. The range of valid ports is " + r.describe();
  }

  /** A 422 whose one cause prints as {@code field: Invalid value: <valueAndDetail>}. */
  static ApiException invalid(String name, String field, String valueAndDetail) {
    // the value is part of the detail so that it prints unquoted, as Go's %#v prints numbers and
    // slices
    return ApiException.invalid(
        "", "Service", name, List.of(FieldError.invalid(field, null, valueAndDetail)));
  }

  /**
   * Kubernetes' 500 for an exhausted range, e.g. "failed to allocate a serviceIP: range is full".
   */
  static ApiException full(String what) {
    return ApiException.internal(
        "Internal error occurred: failed to allocate a " + what + ": " + FULL);
  }

  /** Go's {@code %#v} of a string slice: {@code []string{"a", "b"}}. */
  static String goStrings(List<String> values) {
    StringBuilder b = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : ", ").append('"').append(values.get(i)).append('"');
    }
    return b.append('}').toString();
  }
}
