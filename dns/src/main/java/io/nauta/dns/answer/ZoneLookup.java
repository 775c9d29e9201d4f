package io.nauta.dns.answer;

import io.nauta.dns.records.ClusterRecords;
import io.nauta.dns.records.DashedIps;
import io.nauta.dns.records.EndpointAddress;
import io.nauta.dns.records.ServiceEntry;
import io.nauta.dns.records.ServicePort;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;

/**
 * Every record at one name of the cluster domain, by the layout of Kubernetes' DNS specification:
 * {@code <svc>.<ns>.svc}, {@code <hostname>.<svc>.<ns>.svc}, {@code
 * _<port>._<proto>.<svc>.<ns>.svc}, {@code <a-b-c-d>.<ns>.pod} and {@code dns-version}; the zone
 * apex and {@code svc}, {@code pod} and {@code <ns>.svc} exist without records of their own. Any
 * other name does not exist, so the search-path expansions pods try first ({@code
 * web.ns.svc.cluster.local.ns.svc.cluster.local}) are answered NXDOMAIN from the label count alone.
 */
final class ZoneLookup {
  static final String SCHEMA_VERSION = "1.1.0";

  /** The records at a name (owner = the queried name), and what helps resolve SRV targets. */
  record Node(List<Record> records, List<Record> additional) {
    static final Node EMPTY = new Node(List.of(), List.of());
  }

  private final Zone zone;

  ZoneLookup(Zone zone) {
    this.zone = zone;
  }

  /** The records at {@code qname} (a name in the zone), or empty when the name does not exist. */
  Optional<Node> find(Name qname, ClusterRecords records) {
    int n = qname.labels() - zone.origin().labels();
    String[] l = new String[n];
    for (int i = 0; i < n; i++) {
      l[i] = qname.getLabelString(i).toLowerCase(Locale.ROOT);
    }
    return switch (n) {
      case 0 -> Optional.of(new Node(List.of(zone.soa(records.serial())), List.of()));
      case 1 ->
          switch (l[0]) {
            case "svc", "pod" -> Optional.of(Node.EMPTY);
            case "dns-version" ->
                Optional.of(
                    new Node(
                        List.of(new TXTRecord(qname, DClass.IN, zone.ttl(), SCHEMA_VERSION)),
                        List.of()));
            default -> Optional.empty();
          };
      case 2 ->
          (l[1].equals("svc") || l[1].equals("pod")) && records.hasNamespace(l[0])
              ? Optional.of(Node.EMPTY)
              : Optional.empty();
      case 3 ->
          switch (l[2]) {
            case "svc" -> records.service(l[1], l[0]).map(s -> service(qname, s));
            case "pod" -> pod(qname, l[0], l[1], records);
            default -> Optional.empty();
          };
      case 4 ->
          l[3].equals("svc")
              ? records.service(l[2], l[1]).flatMap(s -> endpointOrProto(qname, l[0], s))
              : Optional.empty();
      case 5 ->
          l[4].equals("svc") && l[0].startsWith("_") && l[1].startsWith("_")
              ? records
                  .service(l[3], l[2])
                  .flatMap(s -> srv(qname, l[0].substring(1), l[1].substring(1), s))
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  private Node service(Name qname, ServiceEntry s) {
    List<Record> out = new ArrayList<>();
    switch (s.kind()) {
      case CLUSTER_IP -> s.clusterIps().forEach(ip -> out.add(address(qname, ip)));
      case HEADLESS -> s.endpoints().forEach(e -> out.add(address(qname, e.ip())));
      case EXTERNAL_NAME ->
          out.add(new CNAMERecord(qname, DClass.IN, zone.ttl(), absolute(s.externalName())));
    }
    return new Node(out, List.of());
  }

  /** {@code <hostname>.<svc>.<ns>.svc}, or the empty non-terminal {@code _<proto>.<svc>...}. */
  private Optional<Node> endpointOrProto(Name qname, String label, ServiceEntry s) {
    if (label.startsWith("_")) {
      String proto = label.substring(1).toUpperCase(Locale.ROOT);
      boolean any =
          s.ports().stream().anyMatch(p -> !p.name().isEmpty() && p.protocol().equals(proto));
      return any ? Optional.of(Node.EMPTY) : Optional.empty();
    }
    if (s.kind() != ServiceEntry.Kind.HEADLESS) {
      return Optional.empty();
    }
    List<Record> out = new ArrayList<>();
    for (EndpointAddress e : s.endpoints()) {
      if (e.label().equals(label)) {
        out.add(address(qname, e.ip()));
      }
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(new Node(out, List.of()));
  }

  private Optional<Node> srv(Name qname, String port, String proto, ServiceEntry s) {
    String protocol = proto.toUpperCase(Locale.ROOT);
    Optional<ServicePort> named =
        s.ports().stream()
            .filter(
                p -> !p.name().isEmpty() && p.name().equals(port) && p.protocol().equals(protocol))
            .findFirst();
    if (named.isEmpty() || s.kind() == ServiceEntry.Kind.EXTERNAL_NAME) {
      return Optional.empty();
    }
    String own = s.name() + "." + s.namespace() + ".svc";
    List<Record> answers = new ArrayList<>();
    List<Record> additional = new ArrayList<>();
    if (s.kind() == ServiceEntry.Kind.CLUSTER_IP) {
      Name target = zone.name(own);
      answers.add(new SRVRecord(qname, DClass.IN, zone.ttl(), 0, 100, named.get().port(), target));
      s.clusterIps().forEach(ip -> additional.add(address(target, ip)));
      return Optional.of(new Node(answers, additional));
    }
    List<EndpointAddress> ready = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (EndpointAddress e : s.endpoints()) {
      // an endpoint serves the named port on its own number (the pod's target port)
      e.ports().stream()
          .filter(p -> p.name().equals(port) && p.protocol().equals(protocol))
          .findFirst()
          .ifPresent(
              p -> {
                ready.add(e);
                numbers.add(p.port());
              });
    }
    int weight = ready.isEmpty() ? 0 : Math.max(1, 100 / ready.size());
    for (int i = 0; i < ready.size(); i++) {
      EndpointAddress e = ready.get(i);
      Name target = zone.name(e.label() + "." + own);
      answers.add(new SRVRecord(qname, DClass.IN, zone.ttl(), 0, weight, numbers.get(i), target));
      additional.add(address(target, e.ip()));
    }
    return Optional.of(new Node(answers, additional));
  }

  private Optional<Node> pod(Name qname, String dashed, String ns, ClusterRecords records) {
    Optional<InetAddress> ip = DashedIps.parse(dashed);
    if (ip.isEmpty() || !records.hasPod(ns, ip.get())) {
      return Optional.empty();
    }
    return Optional.of(new Node(List.of(address(qname, ip.get())), List.of()));
  }

  private Record address(Name owner, InetAddress ip) {
    return ip instanceof Inet4Address
        ? new ARecord(owner, DClass.IN, zone.ttl(), ip)
        : new AAAARecord(owner, DClass.IN, zone.ttl(), ip);
  }

  private static Name absolute(String name) {
    try {
      return Name.fromString(name + ".");
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalStateException("unusable external name " + name, e);
    }
  }
}
