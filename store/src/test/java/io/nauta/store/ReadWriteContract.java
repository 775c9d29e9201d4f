package io.nauta.store;

import static io.nauta.store.ContractFixture.assertKeyValue;
import static io.nauta.store.ContractFixture.keys;
import static io.nauta.store.ContractFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nauta.store.WriteResult.Outcome;
import java.util.Random;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Single-key reads and guarded writes. */
public interface ReadWriteContract extends ContractFixture {

  @Test
  default void createThenGet() {
    long before = store().currentRevision();
    WriteResult created = create("/a", "one");

    assertThat(created.outcome()).isEqualTo(Outcome.OK);
    assertThat(created.revision()).isEqualTo(before + 1);
    assertThat(store().currentRevision()).isEqualTo(created.revision());
    assertKeyValue(created.kv(), "/a", "one", before + 1, before + 1, 1);
    assertKeyValue(store().get("/a"), "/a", "one", before + 1, before + 1, 1);
    assertThat(store().get("/b")).isNull();
  }

  @Test
  default void createExistingFails() {
    WriteResult first = create("/a", "one");
    WriteResult second = create("/a", "two");

    assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_EXISTS);
    assertKeyValue(second.kv(), "/a", "one", first.revision(), first.revision(), 1);
    assertThat(second.revision()).isEqualTo(first.revision());
    assertThat(store().currentRevision())
        .as("a failed write takes no revision")
        .isEqualTo(first.revision());
  }

  @Test
  default void updateWithStaleRevisionConflicts() {
    long created = create("/a", "one").revision();
    WriteResult updated = update("/a", "two", created);
    WriteResult stale = update("/a", "three", created);

    assertThat(updated.outcome()).isEqualTo(Outcome.OK);
    assertKeyValue(updated.kv(), "/a", "two", created, updated.revision(), 2);
    assertThat(stale.outcome()).isEqualTo(Outcome.CONFLICT);
    assertKeyValue(stale.kv(), "/a", "two", created, updated.revision(), 2);
    assertThat(stale.revision()).isEqualTo(store().currentRevision());
    assertThat(text(store().get("/a"))).isEqualTo("two");
  }

  @Test
  default void updateWithoutGuardOverwrites() {
    long created = create("/a", "one").revision();
    update("/a", "two", 0);
    WriteResult third = update("/a", "three", 0);

    assertKeyValue(store().get("/a"), "/a", "three", created, third.revision(), 3);
  }

  @Test
  default void updateOfMissingKeyIsNotFound() {
    WriteResult result = update("/missing", "x", 0);

    assertThat(result.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(result.kv()).isNull();
    assertThat(store().get("/missing")).isNull();
  }

  @Test
  default void deleteGuarded() {
    long created = create("/a", "one").revision();
    long updated = update("/a", "two", created).revision();

    WriteResult stale = delete("/a", created);
    assertThat(stale.outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(stale.kv().modRevision()).isEqualTo(updated);
    assertThat(store().get("/a")).isNotNull();

    WriteResult deleted = delete("/a", updated);
    assertThat(deleted.outcome()).isEqualTo(Outcome.OK);
    assertThat(deleted.revision()).isEqualTo(updated + 1);
    assertKeyValue(deleted.kv(), "/a", "two", created, updated, 2);
    assertThat(store().get("/a")).isNull();
    assertThat(store().currentRevision()).isEqualTo(deleted.revision());

    WriteResult again = delete("/a", 0);
    assertThat(again.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(again.kv()).isNull();
  }

  @Test
  default void recreatedKeyStartsAFreshLife() {
    long first = create("/a", "one").revision();
    delete("/a", first);
    WriteResult again = create("/a", "again");

    assertKeyValue(again.kv(), "/a", "again", again.revision(), again.revision(), 1);
  }

  @Test
  default void largeValues() {
    byte[] value = new byte[1536 * 1024];
    new Random(42).nextBytes(value);

    WriteResult created = ContractFixture.await(store().create("/large", value));
    WriteResult updated =
        ContractFixture.await(store().update("/large", value.clone(), created.revision()));

    assertThat(updated.ok()).isTrue();
    assertThat(store().get("/large").value()).isEqualTo(value);
  }

  @Test
  default void oversizedValueIsRejected() {
    Throwable thrown =
        catchThrowable(() -> ContractFixture.await(store().create("/huge", new byte[4 << 20])));

    assertThat(thrown).isInstanceOf(CompletionException.class);
    assertThat(thrown.getCause()).isInstanceOf(StoreException.class);
    assertThat(((StoreException) thrown.getCause()).code()).isEqualTo(StoreException.Code.INVALID);
    assertThat(store().get("/huge")).isNull();
  }

  @Test
  default void emptyValueRoundTrips() {
    ContractFixture.await(store().create("/empty", new byte[0]));

    assertThat(store().get("/empty").value()).isEmpty();
  }

  @Test
  default void keysAreOrderedByUtf8Bytes() {
    String supplementary = "/k/\uD83D\uDE00"; // U+1F600, UTF-8 F0 9F 98 80
    String highBmp = "/k/\uFFFD"; // UTF-8 EF BF BD
    String ascii = "/k/z";
    create(supplementary, "s");
    create(highBmp, "h");
    create(ascii, "a");

    assertThat(keys(store().range(RangeRequest.prefix("/k/"))))
        .containsExactly(ascii, highBmp, supplementary);
  }
}
