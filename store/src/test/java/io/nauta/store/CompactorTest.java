package io.nauta.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.nauta.store.embedded.EmbeddedOptions;
import io.nauta.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactorTest {

  @TempDir Path dir;

  @Test
  void compactsToTheRevisionOfThePreviousTick() {
    try (EmbeddedStore store =
        EmbeddedStore.open(dir, EmbeddedOptions.defaults().withCompaction(Duration.ZERO, 0))) {
      long first = ContractFixture.await(store.create("/a", ContractFixture.bytes("1"))).revision();
      Compactor compactor = Compactor.manual(store);
      ContractFixture.await(store.update("/a", ContractFixture.bytes("2"), first));

      assertThat(compactor.tick())
          .as("the first tick keeps everything since creation")
          .isEqualTo(first);
      long second = store.currentRevision();
      ContractFixture.await(store.update("/a", ContractFixture.bytes("3"), 0));

      assertThat(compactor.tick()).isEqualTo(second);
      assertThat(store.compactRevision()).isEqualTo(second);
      assertThat(compactor.tick()).isEqualTo(second + 1);
      assertThat(compactor.tick()).as("nothing written since the last compaction").isZero();
      assertThat(ContractFixture.text(store.get("/a"))).isEqualTo("3");
    }
  }
}
