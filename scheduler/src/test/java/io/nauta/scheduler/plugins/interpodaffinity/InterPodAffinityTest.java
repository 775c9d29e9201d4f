package io.nauta.scheduler.plugins.interpodaffinity;

import static io.nauta.scheduler.testing.Fixtures.labeledNode;
import static io.nauta.scheduler.testing.Fixtures.labeledPod;
import static io.nauta.scheduler.testing.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.nauta.scheduler.framework.CycleState;
import io.nauta.scheduler.framework.NodeInfo;
import io.nauta.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InterPodAffinityTest {
  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String HOST = "kubernetes.io/hostname";
  private final InterPodAffinity plugin = new InterPodAffinity();

  /** A term selecting {@code app=<app>} over {@code topologyKey}, optionally in namespaces. */
  static PodAffinityTerm term(String topologyKey, String app, String... namespaces) {
    return new PodAffinityTermBuilder()
        .withTopologyKey(topologyKey)
        .withLabelSelector(new LabelSelector(List.of(), map("app", app)))
        .withNamespaces(namespaces)
        .build();
  }

  static Affinity required(List<PodAffinityTerm> affinity, List<PodAffinityTerm> anti) {
    return new AffinityBuilder()
        .withNewPodAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(affinity)
        .endPodAffinity()
        .withNewPodAntiAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(anti)
        .endPodAntiAffinity()
        .build();
  }

  static Affinity preferred(int weight, PodAffinityTerm term, boolean anti) {
    var w = List.of(new WeightedPodAffinityTerm(term, weight));
    var b = new AffinityBuilder();
    return anti
        ? b.withNewPodAntiAffinity()
            .withPreferredDuringSchedulingIgnoredDuringExecution(w)
            .endPodAntiAffinity()
            .build()
        : b.withNewPodAffinity()
            .withPreferredDuringSchedulingIgnoredDuringExecution(w)
            .endPodAffinity()
            .build();
  }

  static Pod app(String name, String app, Affinity affinity) {
    return labeledPod(name, "app", app).editSpec().withAffinity(affinity).endSpec().build();
  }

  static Pod inNamespace(String name, String app, String namespace) {
    return labeledPod(name, "app", app)
        .editMetadata()
        .withNamespace(namespace)
        .endMetadata()
        .build();
  }

  /** Nodes n1, n2 in zone a, n3 in zone b, n4 without a zone; pods placed by node name. */
  static List<NodeInfo> cluster(Map<String, List<Pod>> pods) {
    List<Node> nodes =
        List.of(
            labeledNode("n1", ZONE, "a", HOST, "n1"),
            labeledNode("n2", ZONE, "a", HOST, "n2"),
            labeledNode("n3", ZONE, "b", HOST, "n3"),
            labeledNode("n4", HOST, "n4"));
    List<NodeInfo> out = new ArrayList<>();
    for (Node n : nodes) {
      out.add(NodeInfo.of(n, pods.getOrDefault(n.getMetadata().getName(), List.of())));
    }
    return out;
  }

  static Stream<Arguments> filterCases() {
    Pod db = app("db", "db", null);
    Pod wantsDb = app("p", "web", required(List.of(term(ZONE, "db")), List.of()));
    Pod selfAffine = app("p", "web", required(List.of(term(ZONE, "web")), List.of()));
    Pod noWebPerHost = app("p", "web", required(List.of(), List.of(term(HOST, "web"))));
    Pod noWebPerZone = app("p", "web", required(List.of(), List.of(term(ZONE, "web"))));
    Pod hatesWebPerHost = app("guard", "guard", required(List.of(), List.of(term(HOST, "web"))));
    Pod hatesWebPerZone = app("guard", "guard", required(List.of(), List.of(term(ZONE, "web"))));
    Pod web = app("w", "web", null);
    var dbOnN1 = Map.of("n1", List.of(db));
    return Stream.of(
        row("no affinity fits anywhere", app("p", "web", null), dbOnN1, "n3", null),
        row("affinity: same node as the match", wantsDb, dbOnN1, "n1", null),
        row("affinity: same zone as the match", wantsDb, dbOnN1, "n2", null),
        row("affinity: other zone", wantsDb, dbOnN1, "n3", InterPodAffinity.AFFINITY_REASON),
        row(
            "affinity: node lacks the key",
            wantsDb,
            dbOnN1,
            "n4",
            InterPodAffinity.AFFINITY_REASON),
        row("affinity: nothing matches", wantsDb, Map.of(), "n1", InterPodAffinity.AFFINITY_REASON),
        row("first of a self-affine group", selfAffine, dbOnN1, "n3", null),
        row(
            "self-affine but the group exists elsewhere",
            selfAffine,
            Map.of("n3", List.of(web)),
            "n1",
            InterPodAffinity.AFFINITY_REASON),
        row(
            "self-affine first still needs the key",
            selfAffine,
            Map.of(),
            "n4",
            InterPodAffinity.AFFINITY_REASON),
        row(
            "affinity: match in another namespace does not count",
            wantsDb,
            Map.of("n1", List.of(inNamespace("db", "db", "other"))),
            "n1",
            InterPodAffinity.AFFINITY_REASON),
        row(
            "affinity: listed namespace counts",
            app("p", "web", required(List.of(term(ZONE, "db", "other")), List.of())),
            Map.of("n1", List.of(inNamespace("db", "db", "other"))),
            "n2",
            null),
        row(
            "anti-affinity: match on the node",
            noWebPerHost,
            Map.of("n1", List.of(web)),
            "n1",
            InterPodAffinity.ANTI_AFFINITY_REASON),
        row(
            "anti-affinity: match on another node",
            noWebPerHost,
            Map.of("n1", List.of(web)),
            "n2",
            null),
        row(
            "anti-affinity: match in the zone",
            noWebPerZone,
            Map.of("n1", List.of(web)),
            "n2",
            InterPodAffinity.ANTI_AFFINITY_REASON),
        row(
            "anti-affinity: node without the key",
            noWebPerZone,
            Map.of("n1", List.of(web)),
            "n4",
            null),
        row(
            "existing pod's anti-affinity on its node",
            web,
            Map.of("n1", List.of(hatesWebPerHost)),
            "n1",
            InterPodAffinity.EXISTING_ANTI_AFFINITY_REASON),
        row(
            "existing pod's anti-affinity elsewhere",
            web,
            Map.of("n1", List.of(hatesWebPerHost)),
            "n2",
            null),
        row(
            "existing pod's anti-affinity over its zone",
            web,
            Map.of("n1", List.of(hatesWebPerZone)),
            "n2",
            InterPodAffinity.EXISTING_ANTI_AFFINITY_REASON),
        row(
            "existing anti-affinity ignores unselected pods",
            app("p", "db", null),
            Map.of("n1", List.of(hatesWebPerHost)),
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
              reason.equals(InterPodAffinity.AFFINITY_REASON)
                  ? Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE
                  : Status.Code.UNSCHEDULABLE);
    }
  }

  static Stream<Arguments> scoreCases() {
    Pod db = app("db", "db", null);
    Pod web = app("w", "web", null);
    return Stream.of(
        Arguments.of(
            "preferred affinity scores the match's zone",
            app("p", "x", preferred(10, term(ZONE, "db"), false)),
            Map.of("n1", List.of(db)),
            Map.of("n1", 100L, "n2", 100L, "n3", 0L, "n4", 0L)),
        Arguments.of(
            "preferred anti-affinity scores the match's node lowest",
            app("p", "x", preferred(5, term(HOST, "web"), true)),
            Map.of("n2", List.of(web)),
            Map.of("n1", 100L, "n2", 0L, "n3", 100L, "n4", 100L)),
        Arguments.of(
            "existing pod's preferred affinity attracts the pod to its zone",
            web,
            Map.of("n3", List.of(app("fan", "fan", preferred(20, term(ZONE, "web"), false)))),
            Map.of("n1", 0L, "n2", 0L, "n3", 100L, "n4", 0L)),
        Arguments.of(
            "existing pod's required affinity counts with weight 1",
            web,
            Map.of(
                "n3", List.of(app("fan", "fan", required(List.of(term(HOST, "web")), List.of())))),
            Map.of("n1", 0L, "n2", 0L, "n3", 100L, "n4", 0L)),
        Arguments.of(
            "existing pod's preferred anti-affinity repels",
            web,
            Map.of("n1", List.of(app("foe", "foe", preferred(7, term(ZONE, "web"), true)))),
            Map.of("n1", 0L, "n2", 0L, "n3", 100L, "n4", 100L)),
        Arguments.of(
            "nothing preferred scores all 0",
            web,
            Map.of("n1", List.of(db)),
            Map.of("n1", 0L, "n2", 0L, "n3", 0L, "n4", 0L)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scoreCases")
  void scores(String name, Pod pod, Map<String, List<Pod>> pods, Map<String, Long> expected) {
    List<NodeInfo> nodes = cluster(pods);
    CycleState state = new CycleState();
    plugin.preFilter(state, pod, nodes);
    plugin.preScore(state, pod, nodes);
    Map<String, Long> scores = new LinkedHashMap<>();
    nodes.forEach(n -> scores.put(n.name(), plugin.score(state, pod, n)));
    plugin.normalize(state, pod, scores);
    assertThat(scores).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void mixesAffinityAndAntiAffinityWeights() {
    // +10 for db's zone (a), -5 for web's node (n2): raw n1 10, n2 5, n3 0
    Affinity both = preferred(10, term(ZONE, "db"), false);
    both.setPodAntiAffinity(preferred(5, term(HOST, "web"), true).getPodAntiAffinity());
    Pod pod = app("p", "x", both);
    List<NodeInfo> nodes =
        cluster(Map.of("n1", List.of(app("db", "db", null)), "n2", List.of(app("w", "web", null))))
            .subList(0, 3);
    CycleState state = new CycleState();
    plugin.preFilter(state, pod, nodes);
    plugin.preScore(state, pod, nodes);
    Map<String, Long> scores = new LinkedHashMap<>();
    nodes.forEach(n -> scores.put(n.name(), plugin.score(state, pod, n)));
    plugin.normalize(state, pod, scores);
    assertThat(scores)
        .containsExactly(Map.entry("n1", 100L), Map.entry("n2", 50L), Map.entry("n3", 0L));
  }
}
