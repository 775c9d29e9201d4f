package io.nauta.apiserver.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.apiserver.allocation.Owner;
import io.nauta.apiserver.allocation.StoreAllocator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAllocationRepairTest {
  @TempDir Path dir;
  private ServiceRegistry r;

  @BeforeEach
  void open() {
    r = new ServiceRegistry(dir, "10.43.0.0/24", "30000-30099");
  }

  @AfterEach
  void close() {
    r.close();
  }

  @Test
  void servicesWithoutAllocationsGetThemRecorded() {
    r.create(
        "{\"metadata\":{\"name\":\"a\"},\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"10.43.0.9\","
            + "\"ports\":[{\"port\":80,\"nodePort\":30009}]}}");
    String uid = r.get("a").at("/metadata/uid").asText();
    // as if the Service came from a store without allocations
    r.allocations.ips().release("10.43.0.9", uid);
    r.allocations.ports().release("30009", uid);

    assertThat(r.repair().run()).isEqualTo(new ServiceAllocationRepair.Result(2, 0, 0));
    assertThat(r.allocations.ips().get("10.43.0.9").orElseThrow().owner().uid()).isEqualTo(uid);
    assertThat(r.allocations.ports().allocate("30009", new Owner("default", "b", "other")))
        .isEqualTo(StoreAllocator.Outcome.ALREADY_ALLOCATED);
    assertThat(r.repair().run()).isEqualTo(new ServiceAllocationRepair.Result(0, 0, 0));
  }

  @Test
  void allocationsOfGoneServicesAreFreedOnceOlderThanTheGrace() {
    Owner ghost = new Owner("default", "ghost", "gone-uid");
    r.allocations.ips().allocate("10.43.0.20", ghost);
    r.allocations.ports().allocate("30020", ghost);
    assertThat(r.repair().run().freed()).isZero();
    assertThat(r.ips()).containsExactly("10.43.0.20");

    r.clock.advance(Duration.ofMinutes(2));
    assertThat(r.repair().run().freed()).isEqualTo(2);
    assertThat(r.ips()).isEmpty();
    assertThat(r.ports()).isEmpty();
  }

  @Test
  void valuesAServiceNoLongerUsesAreFreedAndItsOwnKept() {
    r.create("{\"metadata\":{\"name\":\"a\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
    String uid = r.get("a").at("/metadata/uid").asText();
    String ip = r.get("a").at("/spec/clusterIP").asText();
    // a server died after taking a node port for an update it never wrote
    r.allocations.ports().allocate("30030", new Owner("default", "a", uid));
    r.clock.advance(Duration.ofMinutes(2));
    assertThat(r.repair().run()).isEqualTo(new ServiceAllocationRepair.Result(0, 1, 0));
    assertThat(r.ips()).containsExactly(ip);
    assertThat(r.ports()).isEmpty();
  }

  @Test
  void anAddressHeldByAnotherServiceIsReportedNotStolen() {
    r.create(
        "{\"metadata\":{\"name\":\"a\"},\"spec\":{\"clusterIP\":\"10.43.0.40\","
            + "\"ports\":[{\"port\":80}]}}");
    String uid = r.get("a").at("/metadata/uid").asText();
    r.allocations.ips().release("10.43.0.40", uid);
    Owner other = new Owner("default", "b", "b-uid");
    r.allocations.ips().allocate("10.43.0.40", other);
    ServiceAllocationRepair.Result result = r.repair().run();
    assertThat(result.conflicts()).isEqualTo(1);
    assertThat(r.allocations.ips().get("10.43.0.40").orElseThrow().owner()).isEqualTo(other);
  }
}
