package io.nauta.apiserver.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.store.Store;
import io.nauta.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAllocatorTest {
  private static final String PREFIX = "/registry/ranges/test/";
  private static final Owner A = new Owner("default", "a", "uid-a");
  private static final Owner B = new Owner("default", "b", "uid-b");
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private Store store;

  @BeforeEach
  void open() {
    store = EmbeddedStore.open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private StoreAllocator allocator(String cidr, long seed) {
    return new StoreAllocator(store, PREFIX, IpRange.parse(cidr), clock, new Random(seed));
  }

  @Test
  void requestedValuesAreTakenOnce() {
    StoreAllocator ips = allocator("10.43.0.0/16", 1);
    assertThat(ips.allocate("10.43.0.10", A)).isEqualTo(StoreAllocator.Outcome.ALLOCATED);
    assertThat(ips.allocate("10.43.0.10", B)).isEqualTo(StoreAllocator.Outcome.ALREADY_ALLOCATED);
    assertThat(ips.allocate("10.43.0.0", B)).isEqualTo(StoreAllocator.Outcome.NOT_IN_RANGE);
    assertThat(ips.allocate("10.44.0.1", B)).isEqualTo(StoreAllocator.Outcome.NOT_IN_RANGE);
    assertThat(ips.get("10.43.0.10")).map(Allocation::owner).contains(A);
    assertThat(ips.get("10.43.0.10").orElseThrow().allocatedAt()).isEqualTo(clock.instant());
  }

  @Test
  void checksAndPeeksTakeNothing() {
    StoreAllocator ips = allocator("10.0.0.0/29", 2);
    assertThat(ips.check("10.0.0.3")).isEqualTo(StoreAllocator.Outcome.ALLOCATED);
    assertThat(ips.peekNext()).isPresent();
    assertThat(ips.list()).isEmpty();
    ips.allocate("10.0.0.3", A);
    assertThat(ips.check("10.0.0.3")).isEqualTo(StoreAllocator.Outcome.ALREADY_ALLOCATED);
  }

  @Test
  void allocatesEveryUsableValueOnceThenReportsFull() {
    StoreAllocator ips = allocator("10.0.0.0/29", 3);
    Set<String> got = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      got.add(ips.allocateNext(A).orElseThrow());
    }
    assertThat(got)
        .containsExactlyInAnyOrder(
            "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6");
    assertThat(ips.allocateNext(A)).isEmpty();
    assertThat(ips.peekNext()).isEmpty();
  }

  @Test
  void dynamicAllocationLeavesTheStaticBandForLast() {
    // a /27 has 30 usable addresses; the first 16 are the static band
    StoreAllocator ips = allocator("10.0.0.0/27", 4);
    for (int i = 0; i < 14; i++) {
      String ip = ips.allocateNext(A).orElseThrow();
      assertThat(ips.range().offsetOf(ip)).isGreaterThanOrEqualTo(16);
    }
    String fromBand = ips.allocateNext(A).orElseThrow();
    assertThat(ips.range().offsetOf(fromBand)).isLessThan(16);
  }

  @Test
  void onlyTheOwnerReleases() {
    StoreAllocator ips = allocator("10.43.0.0/16", 5);
    String ip = ips.allocateNext(A).orElseThrow();
    assertThat(ips.release(ip, B.uid())).isFalse();
    assertThat(ips.get(ip)).isPresent();
    assertThat(ips.release(ip, A.uid())).isTrue();
    assertThat(ips.get(ip)).isEmpty();
    assertThat(ips.release(ip, A.uid())).isFalse();
    assertThat(ips.allocate(ip, B)).isEqualTo(StoreAllocator.Outcome.ALLOCATED);
  }

  @Test
  void forgetIsGuardedByTheRevisionRead() {
    StoreAllocator ips = allocator("10.43.0.0/16", 6);
    ips.allocate("10.43.1.1", A);
    Allocation seen = ips.get("10.43.1.1").orElseThrow();
    ips.release("10.43.1.1", A.uid());
    ips.allocate("10.43.1.1", B);
    assertThat(ips.forget(seen)).isFalse();
    assertThat(ips.get("10.43.1.1")).map(Allocation::owner).contains(B);
    assertThat(ips.forget(ips.get("10.43.1.1").orElseThrow())).isTrue();
  }

  @Test
  void allocationsSurviveReopeningTheStore() {
    StoreAllocator ips = allocator("10.43.0.0/16", 7);
    String ip = ips.allocateNext(A).orElseThrow();
    store.close();
    store = EmbeddedStore.open(dir);
    StoreAllocator again = allocator("10.43.0.0/16", 7);
    assertThat(again.allocate(ip, B)).isEqualTo(StoreAllocator.Outcome.ALREADY_ALLOCATED);
    assertThat(again.list()).extracting(Allocation::value).containsExactly(ip);
  }

  @Test
  void concurrentAllocatorsSharingAStoreNeverHandOutAValueTwice() throws Exception {
    // two allocators with the same seed probe the same values in the same order: every value
    // is contended, and each must still go to exactly one of them
    StoreAllocator one = allocator("10.0.0.0/26", 8);
    StoreAllocator two = allocator("10.0.0.0/26", 8);
    Set<String> all = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> runs =
          List.of(one, two, one, two).stream()
              .map(
                  a ->
                      pool.submit(
                          () -> {
                            int n = 0;
                            for (Optional<String> v = a.allocateNext(A);
                                v.isPresent();
                                v = a.allocateNext(A)) {
                              assertThat(all.add(v.get())).as("handed out twice: " + v).isTrue();
                              n++;
                            }
                            return n;
                          }))
              .toList();
      int total = 0;
      for (Future<Integer> f : runs) {
        total += f.get();
      }
      assertThat(total).isEqualTo(62);
      assertThat(all).hasSize(62);
    } finally {
      pool.shutdownNow();
    }
  }
}
