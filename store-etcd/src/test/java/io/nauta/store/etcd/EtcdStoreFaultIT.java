package io.nauta.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.nauta.store.Event;
import io.nauta.store.KeyValue;
import io.nauta.store.RangeRequest;
import io.nauta.store.RecordingListener;
import io.nauta.store.StoreException;
import io.nauta.store.Watch;
import io.nauta.store.WriteResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The etcd engine when members die: failover, no lost or repeated events, fast failure. */
@Timeout(120)
class EtcdStoreFaultIT {

  private static final AtomicInteger TESTS = new AtomicInteger();
  private static EtcdCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = EtcdCluster.start(3);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @AfterEach
  void restartStoppedMembers() {
    for (EtcdCluster.Member member : cluster.members()) {
      if (!member.running()) {
        cluster.restart(member);
      }
    }
    cluster.awaitLeader();
  }

  private static EtcdStore open() {
    return EtcdStore.open(cluster.options("/fault/" + TESTS.incrementAndGet()));
  }

  @Test
  void watchAcrossLeaderKillMissesAndRepeatsNothing() {
    try (EtcdStore store = open()) {
      RecordingListener listener = new RecordingListener();
      long start = store.currentRevision();
      List<Long> acknowledged = new ArrayList<>();
      try (Watch watch = store.watch("/k/", start, listener)) {
        int failed = 0;
        for (int i = 0; i < 600; i++) {
          if (i == 200) {
            cluster.killLeader();
          }
          try {
            WriteResult result =
                store
                    .create("/k/" + i, ("v" + i).getBytes(StandardCharsets.UTF_8))
                    .get(30, TimeUnit.SECONDS);
            acknowledged.add(result.revision());
          } catch (Exception e) {
            failed++; // a create in flight when the leader died may fail; it is not acknowledged
          }
        }
        assertThat(failed).as("creates that failed around the leader kill").isLessThan(50);
        long end = store.currentRevision();
        listener.awaitRevision(end);

        List<Long> seen = listener.revisions();
        assertThat(seen).as("no event twice, in order").isSorted().doesNotHaveDuplicates();
        assertThat(seen).as("every acknowledged create seen").containsAll(acknowledged);
        List<String> stored =
            store.range(RangeRequest.prefix("/k/")).items().stream().map(KeyValue::key).toList();
        assertThat(listener.events().stream().map(Event::kv).map(KeyValue::key).sorted().toList())
            .as("the events replay to the stored keys")
            .isEqualTo(stored.stream().sorted().toList());
        assertThat(listener.error()).isNull();
      }
    }
  }

  @Test
  void compactionByAnotherClientIsSeenAndOldRevisionsAreGone() {
    try (EtcdStore first = open();
        EtcdStore second = EtcdStore.open(first.options())) {
      long r1 = done(first.create("/a", b("1"))).revision();
      long r2 = done(first.update("/a", b("2"), r1)).revision();
      done(first.update("/a", b("3"), r2));

      first.compact(r2);

      assertThat(second.compactRevision()).isEqualTo(r2);
      StoreException tooOld =
          catchThrowableOfType(
              StoreException.class, () -> second.range(new RangeRequest("/", null, 0, r1)));
      assertThat(tooOld.code()).isEqualTo(StoreException.Code.COMPACTED);
      RecordingListener listener = new RecordingListener();
      try (Watch watch = second.watch("/", r1 - 1, listener)) {
        assertThat(listener.awaitError().code()).isEqualTo(StoreException.Code.COMPACTED);
      }
    }
  }

  @Test
  void withoutQuorumRequestsFailFastAndRecover() {
    try (EtcdStore store = open()) {
      done(store.create("/before", b("1")));
      List<EtcdCluster.Member> members = cluster.members();
      cluster.stop(members.get(1));
      cluster.stop(members.get(2));

      long started = System.nanoTime();
      StoreException readError = catchThrowableOfType(StoreException.class, () -> store.get("/x"));
      Throwable writeError =
          catchThrowableOfType(CompletionException.class, () -> done(store.create("/y", b("1"))));
      long took = System.nanoTime() - started;

      assertThat(readError.code()).isEqualTo(StoreException.Code.IO);
      assertThat(readError.getMessage()).contains("etcd");
      assertThat(writeError.getCause()).isInstanceOf(StoreException.class);
      assertThat(((StoreException) writeError.getCause()).code()).isEqualTo(StoreException.Code.IO);
      assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(15));

      cluster.restart(members.get(1));
      cluster.restart(members.get(2));
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> done(store.create("/after", b("1"))).ok());
      assertThat(store.get("/before")).isNotNull();
    }
  }

  private static byte[] b(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static WriteResult done(java.util.concurrent.CompletableFuture<WriteResult> future) {
    return future.orTimeout(30, TimeUnit.SECONDS).join();
  }
}
