package io.nauta.node.env;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.nauta.api.quantity.Quantity;
import io.nauta.node.sources.PodSources;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The values of a container's resources as the downward API presents them ({@code
 * resourceFieldRef}): {@code limits.cpu}, {@code requests.memory}, ... divided by the divisor
 * (default 1) and rounded up, the way kubelets do it (CPU compared in millicores). A limit the
 * container does not set is the node's allocatable amount; a request it does not set is its limit
 * when that is set (the API's defaulting), else zero. Pure.
 */
public final class ResourceFields {
  private ResourceFields() {}

  /** Why a resource cannot be reported. */
  public static final class Unsupported extends IllegalArgumentException {
    Unsupported(String message) {
      super(message);
    }
  }

  /**
   * The value of {@code selector}'s resource for {@code container}.
   *
   * @throws Unsupported when the resource is not one the downward API reports
   */
  public static String value(
      ResourceFieldSelector selector, Container container, Map<String, Quantity> allocatable) {
    String resource = selector.getResource() == null ? "" : selector.getResource();
    Quantity divisor =
        selector.getDivisor() == null || PodSources.quantity(selector.getDivisor()).isZero()
            ? Quantity.of(1, io.nauta.api.quantity.Format.DECIMAL_SI)
            : PodSources.quantity(selector.getDivisor());
    int dot = resource.indexOf('.');
    String kind = dot < 0 ? "" : resource.substring(0, dot);
    String name = dot < 0 ? "" : resource.substring(dot + 1);
    if (!(kind.equals("limits") || kind.equals("requests"))
        || !(name.equals("cpu") || name.equals("memory") || name.equals("ephemeral-storage"))) {
      throw new Unsupported("unsupported container resource : " + resource);
    }
    Quantity amount =
        kind.equals("limits") ? limit(container, name, allocatable) : request(container, name);
    if (name.equals("cpu")) {
      return ceilDivide(amount.milliValue(), divisor.milliValue());
    }
    return ceilDivide(amount.value(), divisor.value());
  }

  private static Quantity limit(Container c, String name, Map<String, Quantity> allocatable) {
    Quantity set = get(c.getResources() == null ? null : c.getResources().getLimits(), name);
    if (set != null) {
      return set;
    }
    Quantity node = allocatable.get(name);
    return node != null ? node : Quantity.of(0, io.nauta.api.quantity.Format.DECIMAL_SI);
  }

  private static Quantity request(Container c, String name) {
    var resources = c.getResources();
    Quantity set = get(resources == null ? null : resources.getRequests(), name);
    if (set == null) {
      set = get(resources == null ? null : resources.getLimits(), name);
    }
    return set != null ? set : Quantity.of(0, io.nauta.api.quantity.Format.DECIMAL_SI);
  }

  private static Quantity get(
      Map<String, io.fabric8.kubernetes.api.model.Quantity> quantities, String name) {
    if (quantities == null || quantities.get(name) == null) {
      return null;
    }
    return PodSources.quantity(quantities.get(name));
  }

  private static String ceilDivide(long value, long divisor) {
    if (divisor == 0) {
      return "0";
    }
    return BigDecimal.valueOf(value)
        .divide(BigDecimal.valueOf(divisor), 0, RoundingMode.CEILING)
        .toPlainString();
  }
}
