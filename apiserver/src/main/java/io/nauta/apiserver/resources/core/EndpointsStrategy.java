package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints: port protocols default to TCP; addresses must be IPs, ports valid and named when a
 * subset has several; the table shows up to three {@code ip:port} pairs and how many more exist.
 */
public final class EndpointsStrategy implements ResourceStrategy {
  private static final int SHOWN = 3;

  @Override
  public void prepareForCreate(ObjectNode ep) {
    defaults(ep);
  }

  @Override
  public void prepareForUpdate(ObjectNode ep, ObjectNode old) {
    defaults(ep);
  }

  private static void defaults(ObjectNode ep) {
    for (ObjectNode subset : Json.objects(ep, "subsets")) {
      Json.objects(subset, "ports").forEach(p -> Json.defaultText(p, "protocol", "TCP"));
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode ep) {
    ErrorList errs = new ErrorList();
    List<ObjectNode> subsets = Json.objects(ep, "subsets");
    for (int i = 0; i < subsets.size(); i++) {
      FieldPath sp = FieldPath.of("subsets").index(i);
      ObjectNode subset = subsets.get(i);
      for (String list : List.of("addresses", "notReadyAddresses")) {
        List<ObjectNode> addrs = Json.objects(subset, list);
        for (int j = 0; j < addrs.size(); j++) {
          String ip = Json.text(addrs.get(j), "ip");
          if (!IpAddresses.isIp(ip)) {
            errs.invalid(
                sp.child(list).index(j).child("ip"),
                ip,
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
          }
        }
      }
      List<ObjectNode> ports = Json.objects(subset, "ports");
      for (int j = 0; j < ports.size(); j++) {
        ObjectNode port = ports.get(j);
        FieldPath pp = sp.child("ports").index(j);
        String name = Json.text(port, "name");
        if (ports.size() > 1 && name.isEmpty()) {
          errs.required(pp.child("name"), "");
        } else if (!name.isEmpty()) {
          errs.dns1123Label(pp.child("name"), name);
        }
        errs.portNumberRequired(pp.child("port"), port.get("port"));
        String protocol = Json.text(port, "protocol");
        if (protocol.isEmpty()) {
          errs.required(pp.child("protocol"), "");
        } else {
          errs.oneOf(pp.child("protocol"), protocol, "SCTP", "TCP", "UDP");
        }
      }
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Endpoints", "The addresses and ports of the endpoints."),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode ep, Instant now) {
    return List.of(Printing.name(ep), format(ep), Printing.age(ep, now));
  }

  static String format(ObjectNode ep) {
    List<ObjectNode> subsets = Json.objects(ep, "subsets");
    if (subsets.isEmpty()) {
      return "<none>";
    }
    List<String> list = new ArrayList<>();
    int count = 0;
    for (JsonNode ss : subsets) {
      List<ObjectNode> addrs = Json.objects(ss, "addresses");
      List<ObjectNode> ports = Json.objects(ss, "ports");
      if (ports.isEmpty()) {
        count += addrs.size();
        for (JsonNode a : addrs) {
          if (list.size() == SHOWN) {
            break;
          }
          list.add(Json.text(a, "ip"));
        }
        continue;
      }
      for (JsonNode port : ports) {
        count += addrs.size();
        for (JsonNode a : addrs) {
          if (list.size() == SHOWN) {
            break;
          }
          String ip = Json.text(a, "ip");
          String host = ip.contains(":") ? "[" + ip + "]" : ip;
          list.add(host + ":" + port.path("port").asLong());
        }
      }
    }
    String ret = String.join(",", list);
    return count > SHOWN ? ret + " + " + (count - SHOWN) + " more..." : ret;
  }
}
