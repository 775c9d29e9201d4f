package io.nauta.controllers.nodeipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrSetTest {
  @Test
  void handsOutEachSubnetOnceInOrder() {
    CidrSet set = new CidrSet("10.42.0.0/16", 24);
    assertThat(set.size()).isEqualTo(256);
    assertThat(set.allocate()).contains("10.42.0.0/24");
    assertThat(set.allocate()).contains("10.42.1.0/24");
    assertThat(set.taken("10.42.1.0/24")).isTrue();
    assertThat(set.taken("10.42.2.0/24")).isFalse();
  }

  @Test
  void takenSubnetsAreSkippedAndAFullRangeSaysSo() {
    CidrSet set = new CidrSet("192.168.0.0/22", 24);
    assertThat(set.occupy("192.168.1.0/24")).isTrue();
    assertThat(set.allocate()).contains("192.168.0.0/24");
    assertThat(set.allocate()).contains("192.168.2.0/24");
    assertThat(set.allocate()).contains("192.168.3.0/24");
    assertThat(set.allocate()).isEmpty();
    set.release("192.168.2.0/24");
    assertThat(set.allocate()).contains("192.168.2.0/24");
  }

  @Test
  void aReleasedSubnetIsNotReusedBeforeTheOthers() {
    CidrSet set = new CidrSet("10.42.0.0/16", 24);
    set.allocate();
    set.allocate();
    set.release("10.42.0.0/24");
    assertThat(set.allocate()).contains("10.42.2.0/24");
  }

  @Test
  void subnetsOutsideTheRangeOrOfAnotherSizeAreNotOccupied() {
    CidrSet set = new CidrSet("10.42.0.0/16", 24);
    assertThat(set.occupy("10.43.0.0/24")).isFalse();
    assertThat(set.occupy("10.42.0.0/25")).isFalse();
    assertThat(set.occupy("10.42.0.128/24")).isFalse();
    assertThat(set.occupy("not a cidr")).isFalse();
    assertThat(set.occupy(null)).isFalse();
    assertThat(set.allocate()).contains("10.42.0.0/24");
  }

  @Test
  void badClusterCidrsAreRefused() {
    assertThatThrownBy(() -> new CidrSet("10.42.0.0", 24)).hasMessageContaining("not a CIDR");
    assertThatThrownBy(() -> new CidrSet("10.42.0.0/25", 24)).hasMessageContaining("does not fit");
    assertThatThrownBy(() -> new CidrSet("10.420.0.0/16", 24)).hasMessageContaining("IPv4");
    assertThatThrownBy(() -> new CidrSet("fd00::/48", 64))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void highAddressesWork() {
    CidrSet set = new CidrSet("240.0.0.0/23", 24);
    assertThat(set.allocate()).contains("240.0.0.0/24");
    assertThat(set.allocate()).contains("240.0.1.0/24");
    assertThat(set.occupy("240.0.1.0/24")).isTrue();
  }
}
