package io.nauta.scheduler.plugins.podtopologyspread;

import static io.nauta.scheduler.testing.Fixtures.labeledNode;
import static io.nauta.scheduler.testing.Fixtures.labeledPod;
import static io.nauta.scheduler.testing.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.Listers;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodTopologySpreadTest {
  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String HOST = "kubernetes.io/hostname";
  private final PodTopologySpread plugin = new PodTopologySpread();

  /** A constraint selecting app=web, edited by {@code edit}. */
  static TopologySpreadConstraint spread(
      String key, int maxSkew, String when, UnaryOperator<TopologySpreadConstraintBuilder> edit) {
    return edit.apply(
            new TopologySpreadConstraintBuilder()
                .withTopologyKey(key)
                .withMaxSkew(maxSkew)
                .withWhenUnsatisfiable(when)
                .withLabelSelector(new LabelSelector(List.of(), map("app", "web"))))
        .build();
  }

  static TopologySpreadConstraint zone(int maxSkew, String when) {
    return spread(ZONE, maxSkew, when, b -> b);
  }

  /** The incoming pod: labelled app=web unless told otherwise, with the constraints. */
  static Pod incoming(String app, TopologySpreadConstraint... constraints) {
    return labeledPod("p", "app", app, "version", "v2")
        .editSpec()
        .withTopologySpreadConstraints(constraints)
        .endSpec()
        .build();
  }

  static Pod web(String name) {
    return labeledPod(name, "app", "web", "version", "v1").build();
  }

  /** n1, n2 in zone a (ssd), n3 in zone b, n4 without a zone; pods placed by node name. */
  static List<NodeInfo> cluster(Map<String, List<Pod>> pods) {
    List<Node> nodes =
        List.of(
            labeledNode("n1", ZONE, "a", HOST, "n1", "disk", "ssd"),
            labeledNode("n2", ZONE, "a", HOST, "n2", "disk", "ssd"),
            labeledNode("n3", ZONE, "b", HOST, "n3"),
            labeledNode("n4", HOST, "n4"));
    List<NodeInfo> out = new ArrayList<>();
    for (Node n : nodes) {
      out.add(NodeInfo.of(n, pods.getOrDefault(n.getMetadata().getName(), List.of())));
    }
    return out;
  }

  static Stream<Arguments> filterCases() {
    String hard = SpreadConstraint.DO_NOT_SCHEDULE;
    Pod webPod = incoming("web", zone(1, hard));
    var oneInA = Map.of("n1", List.of(web("w1")));
    var oneEach = Map.of("n1", List.of(web("w1")), "n3", List.of(web("w3")));
    Pod onSsd =
        labeledPod("p", "app", "web")
            .editSpec()
            .withNodeSelector(map("disk", "ssd"))
            .withTopologySpreadConstraints(zone(1, hard))
            .endSpec()
            .build();
    Pod onSsdIgnoringAffinity =
        new io.fabric8.kubernetes.api.model.PodBuilder(onSsd)
            .editSpec()
            .withTopologySpreadConstraints(
                spread(ZONE, 1, hard, b -> b.withNodeAffinityPolicy("Ignore")))
            .endSpec()
            .build();
    Pod terminating =
        labeledPod("t", "app", "web")
            .editMetadata()
            .withDeletionTimestamp("2026-01-01T00:00:00Z")
            .endMetadata()
            .build();
    Pod otherNamespace =
        labeledPod("o", "app", "web").editMetadata().withNamespace("other").endMetadata().build();
    return Stream.of(
        row("empty cluster: any zone", webPod, Map.of(), "n1", null),
        row("the emptier zone fits", webPod, oneInA, "n3", null),
        row("the fuller zone would skew by 2", webPod, oneInA, "n2", PodTopologySpread.REASON),
        row("maxSkew 2 allows it", incoming("web", zone(2, hard)), oneInA, "n2", null),
        row("node without the key", webPod, Map.of(), "n4", PodTopologySpread.MISSING_LABEL_REASON),
        row(
            "a pod the selector skips adds nothing",
            incoming("db", zone(1, hard)),
            oneInA,
            "n1",
            null),
        row("balanced zones: either fits", webPod, oneEach, "n3", null),
        row(
            "minDomains above the domains makes the minimum 0",
            incoming("web", spread(ZONE, 1, hard, b -> b.withMinDomains(3))),
            oneEach,
            "n3",
            PodTopologySpread.REASON),
        row(
            "minDomains met keeps the real minimum",
            incoming("web", spread(ZONE, 1, hard, b -> b.withMinDomains(2))),
            oneEach,
            "n3",
            null),
        row(
            "ScheduleAnyway never filters",
            incoming("web", zone(1, "ScheduleAnyway")),
            oneInA,
            "n1",
            null),
        row(
            "other namespaces do not count",
            webPod,
            Map.of("n1", List.of(otherNamespace)),
            "n1",
            null),
        row(
            "terminating pods do not count",
            webPod,
            Map.of("n1", List.of(terminating)),
            "n1",
            null),
        row("nodes outside the node selector are not domains", onSsd, oneInA, "n2", null),
        row(
            "nodeAffinityPolicy Ignore counts them",
            onSsdIgnoringAffinity,
            oneInA,
            "n2",
            PodTopologySpread.REASON),
        row(
            "hostname spreads per node",
            incoming("web", spread(HOST, 1, hard, b -> b)),
            oneInA,
            "n1",
            PodTopologySpread.REASON),
        row(
            "matchLabelKeys: other versions do not count",
            incoming("web", spread(HOST, 1, hard, b -> b.withMatchLabelKeys("version"))),
            oneInA,
            "n1",
            null));
  }

  private static Arguments row(
      String name, Pod pod, Map<String, List<Pod>> pods, String candidate, String reason) {
    return Arguments.of(name, pod, pods, candidate, reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void filters(String name, Pod pod, Map<String, List<Pod>> pods, String candidate, String reason) {
    List<NodeInfo> nodes = cluster(pods);
    CycleState state = new CycleState();
    assertThat(plugin.preFilter(state, pod, nodes).isSuccess()).isTrue();
    NodeInfo node =
        nodes.stream().filter(n -> n.name().equals(candidate)).findFirst().orElseThrow();
    Status s = plugin.filter(state, pod, node);
    if (reason == null) {
      assertThat(s.isSuccess()).as(s.toString()).isTrue();
    } else {
      assertThat(s.reasons()).containsExactly(reason);
      assertThat(s.code())
          .isEqualTo(
              reason.equals(PodTopologySpread.MISSING_LABEL_REASON)
                  ? Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE
                  : Status.Code.UNSCHEDULABLE);
    }
  }

  static Stream<Arguments> scoreCases() {
    String soft = SpreadConstraint.SCHEDULE_ANYWAY;
    var twoInA = Map.of("n1", List.of(web("w1"), web("w2")));
    List<String> all = List.of("n1", "n2", "n3", "n4");
    return Stream.of(
        // weight ln(2 domains + 2) = 1.386: zone a raw round(2.77) = 3, zone b 0
        Arguments.of(
            "the empty zone scores highest; keyless nodes 0",
            incoming("web", zone(1, soft)),
            twoInA,
            all,
            Map.of("n1", 0L, "n2", 0L, "n3", 100L, "n4", 0L)),
        Arguments.of(
            "no matching pods: every domain scores 100",
            incoming("web", zone(1, soft)),
            Map.of(),
            all,
            Map.of("n1", 100L, "n2", 100L, "n3", 100L, "n4", 0L)),
        // maxSkew 3 adds 2 to each raw score: a 5, b 2, so a gets 100 * 2 / 5
        Arguments.of(
            "a lenient maxSkew differentiates less",
            incoming("web", zone(3, soft)),
            twoInA,
            all,
            Map.of("n1", 40L, "n2", 40L, "n3", 100L, "n4", 0L)),
        // n2 is infeasible but its two pods still count for zone a: a 3, b round(1.386) = 1
        Arguments.of(
            "pods on infeasible nodes count",
            incoming("web", zone(1, soft)),
            Map.of("n2", List.of(web("w1"), web("w2")), "n3", List.of(web("w3"))),
            List.of("n1", "n3"),
            Map.of("n1", 33L, "n3", 100L)),
        Arguments.of(
            "DoNotSchedule constraints do not score",
            incoming("web", zone(1, SpreadConstraint.DO_NOT_SCHEDULE)),
            twoInA,
            List.of("n1", "n3"),
            Map.of("n1", 0L, "n3", 0L)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scoreCases")
  void scores(
      String name,
      Pod pod,
      Map<String, List<Pod>> pods,
      List<String> feasibleNames,
      Map<String, Long> expected) {
    List<NodeInfo> nodes = cluster(pods);
    List<NodeInfo> feasible = nodes.stream().filter(n -> feasibleNames.contains(n.name())).toList();
    CycleState state = new CycleState();
    plugin.preFilter(state, pod, nodes);
    plugin.preScore(state, pod, feasible);
    Map<String, Long> scores = new LinkedHashMap<>();
    feasible.forEach(n -> scores.put(n.name(), plugin.score(state, pod, n)));
    plugin.normalize(state, pod, scores);
    assertThat(scores).containsExactlyInAnyOrderEntriesOf(expected);
  }

  /** A listers view where ReplicaSet default/web selects app=web. */
  private static final Listers WEB_REPLICASET =
      new Listers() {
        @Override
        public List<io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget>
            podDisruptionBudgets(String namespace) {
          return List.of();
        }

        @Override
        public io.fabric8.kubernetes.api.model.LabelSelector controllerSelector(
            String namespace, String kind, String name) {
          return "ReplicaSet".equals(kind) && "web".equals(name)
              ? new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                  .addToMatchLabels("app", "web")
                  .build()
              : null;
        }
      };

  @Test
  void podsWithoutConstraintsSpreadOverHostsAmongTheirControllersPods() {
    Pod replica =
        labeledPod("p", "app", "web")
            .editMetadata()
            .addNewOwnerReference()
            .withApiVersion("apps/v1")
            .withKind("ReplicaSet")
            .withName("web")
            .withUid("u")
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .build();
    List<NodeInfo> nodes =
        cluster(Map.of("n1", List.of(web("w1"), web("w2")), "n2", List.of(web("w3"))));
    CycleState state = new CycleState(WEB_REPLICASET);
    plugin.preFilter(state, replica, nodes);
    assertThat(plugin.preScore(state, replica, nodes).code()).isEqualTo(Status.Code.SUCCESS);
    Map<String, Long> scores = new LinkedHashMap<>();
    nodes.forEach(n -> scores.put(n.name(), plugin.score(state, replica, n)));
    plugin.normalize(state, replica, scores);

    // n4 has no zone label: it is outside the defaults' domains and scores 0
    assertThat(scores.get("n3")).isGreaterThan(scores.get("n2"));
    assertThat(scores.get("n2")).isGreaterThan(scores.get("n1"));
    assertThat(scores.get("n4")).isZero();

    // a pod nothing selects is not spread by default
    Pod loose = labeledPod("q", "app", "web").build();
    assertThat(plugin.preScore(new CycleState(WEB_REPLICASET), loose, nodes).code())
        .isEqualTo(Status.Code.SKIP);
  }
}
