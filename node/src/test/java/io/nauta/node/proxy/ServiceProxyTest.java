package io.nauta.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nauta.node.proxy.Fixtures.Ep;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceProxyTest {
  /** Records scripts instead of running nft; fails while asked to. */
  static final class RecordingNft extends Nft {
    final List<String> scripts = new CopyOnWriteArrayList<>();
    final AtomicBoolean failing = new AtomicBoolean();

    @Override
    public void apply(String script) {
      if (failing.get()) {
        throw new NftException("nft failed: Error: Could not process rule", null);
      }
      scripts.add(script);
    }
  }

  private final RecordingNft nft = new RecordingNft();
  private final MemoryServiceSource source = new MemoryServiceSource();
  private final List<ServiceProxy.Sync> syncs = new CopyOnWriteArrayList<>();
  private ServiceProxy proxy;

  private ServiceProxy start(Duration minInterval) {
    return start(minInterval, Duration.ofMinutes(10));
  }

  private ServiceProxy start(Duration minInterval, Duration resync) {
    proxy =
        new ServiceProxy(
            source,
            nft,
            new ServiceProxy.Config("a", "10.42.0.0/16", minInterval, resync),
            Clock.systemUTC());
    proxy.onSync(syncs::add);
    proxy.start();
    return proxy;
  }

  @AfterEach
  void close() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void firstSyncReplacesTheTableThenUpdatesApplyDifferences() {
    source.services = List.of(Fixtures.service("web", "10.43.0.50").build());
    start(Duration.ofMillis(10));
    await().until(() -> nft.scripts.size() == 1);
    assertThat(nft.scripts.getFirst()).startsWith("add table ip nauta-proxy\ndelete table");
    source.slices = List.of(Fixtures.slice("web-1", "web", List.of(Ep.ready("10.42.1.5", "a"))));
    proxy.changed();
    await().until(() -> nft.scripts.size() == 2);
    assertThat(nft.scripts.get(1)).doesNotContain("delete table").contains("10.42.1.5:8080");
    assertThat(syncs).extracting(ServiceProxy.Sync::full).containsExactly(true, false);
  }

  @Test
  void aSyncWithNothingToChangeRunsNoNft() {
    start(Duration.ofMillis(10));
    await().until(() -> syncs.size() == 1);
    proxy.changed();
    await().until(() -> syncs.size() == 2);
    assertThat(syncs.get(1).statements()).isZero();
    assertThat(nft.scripts).hasSize(1);
  }

  @Test
  void changesInABurstCoalesceIntoFewSyncs() {
    source.services = List.of(Fixtures.service("web", "10.43.0.50").build());
    start(Duration.ofMillis(300));
    await().until(() -> syncs.size() == 1);
    for (int i = 0; i < 50; i++) {
      source.slices =
          List.of(Fixtures.slice("web-1", "web", List.of(Ep.ready("10.42.1." + (i + 1), "a"))));
      proxy.changed();
    }
    // the last state of the burst is applied
    await().until(() -> nft.scripts.getLast().contains("dnat to 10.42.1.50:8080"));
    // the burst took well under one interval: one sync for it, perhaps one trailing sync
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(3))
        .until(() -> syncs.size() <= 3);
  }

  @Test
  void afterAFailedApplyTheNextSyncReplacesTheWholeTable() {
    start(Duration.ofMillis(10));
    await().until(() -> nft.scripts.size() == 1);
    nft.failing.set(true);
    source.services = List.of(Fixtures.service("web", "10.43.0.50").build());
    proxy.changed();
    await().until(() -> syncs.stream().anyMatch(s -> s.error() != null));
    nft.failing.set(false);
    await().atMost(Duration.ofSeconds(5)).until(() -> nft.scripts.size() == 2);
    assertThat(nft.scripts.get(1)).startsWith("add table ip nauta-proxy\ndelete table");
  }

  @Test
  void aResyncChecksTheTableIsStillThereAndReplacesItIfNot() {
    start(Duration.ofMillis(10), Duration.ofMillis(100));
    await().until(() -> nft.scripts.size() >= 2);
    assertThat(nft.scripts.get(1)).startsWith("flush chain ip nauta-proxy nat-prerouting\n");
    nft.failing.set(true); // as nft fails when the table was deleted
    await().until(() -> syncs.stream().anyMatch(s -> s.error() != null));
    nft.failing.set(false);
    int before = nft.scripts.size();
    await().atMost(Duration.ofSeconds(5)).until(() -> nft.scripts.size() > before);
    assertThat(nft.scripts.get(before)).startsWith("add table ip nauta-proxy\ndelete table");
  }

  @Test
  void closingDeletesTheTable() {
    start(Duration.ofMillis(10));
    await().until(() -> nft.scripts.size() == 1);
    proxy.close();
    assertThat(nft.scripts.getLast()).isEqualTo(new NftScript(ProxyRules.TABLE).delete());
  }

  @Test
  void udpFlowsToARemovedEndpointAreDeleted() {
    List<List<String>> deleted = new CopyOnWriteArrayList<>();
    Conntrack conntrack =
        new Conntrack(List.of()) {
          @Override
          public boolean delete(List<String> args) {
            deleted.add(args);
            return true;
          }
        };
    var dns = Fixtures.service("dns", "10.43.0.10").build();
    dns.getSpec().getPorts().getFirst().setProtocol("UDP");
    source.services = List.of(dns);
    source.slices =
        List.of(
            Fixtures.slice(
                "dns-1",
                "dns",
                "http",
                "UDP",
                5353,
                List.of(Ep.ready("10.42.1.5", "a"), Ep.ready("10.42.1.6", "a"))));
    proxy =
        new ServiceProxy(
            source,
            nft,
            conntrack,
            new ServiceProxy.Config(
                "a", "10.42.0.0/16", Duration.ofMillis(10), Duration.ofMinutes(1)),
            Clock.systemUTC());
    proxy.onSync(syncs::add);
    proxy.start();
    await().until(() -> syncs.size() == 1);
    deleted.clear();
    source.slices =
        List.of(
            Fixtures.slice(
                "dns-1", "dns", "http", "UDP", 5353, List.of(Ep.ready("10.42.1.6", "a"))));
    proxy.changed();
    await().until(() -> syncs.size() == 2);
    assertThat(deleted)
        .containsExactly(
            List.of("-D", "-p", "udp", "--orig-dst", "10.43.0.10", "--dst-nat", "10.42.1.5"));
  }
}
