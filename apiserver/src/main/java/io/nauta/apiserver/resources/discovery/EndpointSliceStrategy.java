package io.nauta.apiserver.resources.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.core.IpAddresses;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * EndpointSlices: ports default to TCP with an empty name; {@code addressType} (IPv4, IPv6, FQDN)
 * is required and immutable; each endpoint has 1 to 100 addresses of that type; ports are valid and
 * uniquely named. The table shows up to three ports and addresses.
 */
public final class EndpointSliceStrategy implements ResourceStrategy {
  private static final int MAX_ADDRESSES = 100;
  private static final int SHOWN = 3;

  /** The discovery.k8s.io/v1 endpointslices resource. */
  public static ResourceType resourceType() {
    return ResourceType.builder("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices")
        .strategy(new EndpointSliceStrategy())
        .build();
  }

  @Override
  public void prepareForCreate(ObjectNode slice) {
    defaults(slice);
  }

  @Override
  public void prepareForUpdate(ObjectNode slice, ObjectNode old) {
    defaults(slice);
  }

  private static void defaults(ObjectNode slice) {
    for (ObjectNode port : Json.objects(slice, "ports")) {
      if (!Json.has(port, "name")) {
        port.put("name", "");
      }
      Json.defaultText(port, "protocol", "TCP");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode slice) {
    ErrorList errs = new ErrorList();
    String type = Json.text(slice, "addressType");
    if (type.isEmpty()) {
      errs.required(FieldPath.of("addressType"), "");
    } else {
      errs.oneOf(FieldPath.of("addressType"), type, "FQDN", "IPv4", "IPv6");
    }
    List<ObjectNode> endpoints = Json.objects(slice, "endpoints");
    for (int i = 0; i < endpoints.size(); i++) {
      FieldPath ap = FieldPath.of("endpoints").index(i).child("addresses");
      List<String> addrs = Json.strings(endpoints.get(i), "addresses");
      if (addrs.isEmpty()) {
        errs.required(ap, "must contain at least 1 address");
      } else if (addrs.size() > MAX_ADDRESSES) {
        errs.add(
            new FieldError(
                FieldError.Type.TOO_MANY,
                ap.value(),
                String.valueOf(addrs.size()),
                "must have at most " + MAX_ADDRESSES + " items"));
      }
      for (int j = 0; j < addrs.size(); j++) {
        address(errs, ap.index(j), type, addrs.get(j));
      }
      String hostname = Json.text(endpoints.get(i), "hostname");
      if (!hostname.isEmpty()) {
        errs.dns1123Label(FieldPath.of("endpoints").index(i).child("hostname"), hostname);
      }
    }
    Set<String> names = new HashSet<>();
    List<ObjectNode> ports = Json.objects(slice, "ports");
    for (int i = 0; i < ports.size(); i++) {
      ObjectNode port = ports.get(i);
      FieldPath pp = FieldPath.of("ports").index(i);
      String name = Json.text(port, "name");
      if (!name.isEmpty()) {
        errs.dns1123Label(pp.child("name"), name);
      }
      if (!names.add(name)) {
        errs.duplicate(pp.child("name"), name);
      }
      if (Json.has(port, "port")) {
        errs.portNumber(pp.child("port"), port.get("port"));
      }
      String protocol = Json.text(port, "protocol");
      if (protocol.isEmpty()) {
        errs.required(pp.child("protocol"), "");
      } else {
        errs.oneOf(pp.child("protocol"), protocol, "SCTP", "TCP", "UDP");
      }
    }
    return errs.toList();
  }

  private static void address(ErrorList errs, FieldPath p, String type, String addr) {
    switch (type) {
      case "IPv4" -> {
        if (!IpAddresses.isIp(addr) || addr.contains(":")) {
          errs.invalid(p, addr, "must be a valid IPv4 address");
        }
      }
      case "IPv6" -> {
        if (!IpAddresses.isIp(addr) || !addr.contains(":")) {
          errs.invalid(p, addr, "must be a valid IPv6 address");
        }
      }
      case "FQDN" -> errs.dns1123Subdomain(p, addr);
      default -> {}
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode slice, ObjectNode old) {
    ErrorList errs = new ErrorList().addAll(validate(slice));
    String type = Json.text(slice, "addressType");
    if (!type.equals(Json.text(old, "addressType"))) {
      errs.invalid(FieldPath.of("addressType"), type, "field is immutable");
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("AddressType", "The type of the addresses."),
        TableColumn.string("Ports", "The ports of the slice."),
        TableColumn.string("Endpoints", "The addresses of the endpoints."),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode slice, Instant now) {
    List<String> ports = new ArrayList<>();
    for (JsonNode p : Json.objects(slice, "ports")) {
      if (Json.has(p, "port")) {
        ports.add(String.valueOf(Json.integer(p, 0, "port")));
      } else {
        ports.add(Json.has(p, "name") ? Json.text(p, "name") : "*");
      }
    }
    List<String> addrs = new ArrayList<>();
    Json.objects(slice, "endpoints").forEach(e -> addrs.addAll(Json.strings(e, "addresses")));
    return List.of(
        Printing.name(slice),
        Json.text(slice, "addressType"),
        withMore(ports),
        withMore(addrs),
        Printing.age(slice, now));
  }

  private static String withMore(List<String> all) {
    if (all.isEmpty()) {
      return "<unset>";
    }
    String shown = String.join(",", all.subList(0, Math.min(SHOWN, all.size())));
    return all.size() > SHOWN ? shown + " + " + (all.size() - SHOWN) + " more..." : shown;
  }
}
