package io.nauta.store.embedded.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RecordCodecTest {

  @Property
  void roundTrips(@ForAll("records") LogRecord record) throws Exception {
    ByteBuffer buffer = ByteBuffer.allocate(RecordCodec.maxEncodedSize(record));
    RecordCodec.encode(record, buffer);
    buffer.flip();

    int length = buffer.getInt();
    int checksum = buffer.getInt();
    byte[] payload = new byte[buffer.remaining()];
    buffer.get(payload);

    assertThat(length).isEqualTo(payload.length);
    assertThat(RecordCodec.checksum(payload)).isEqualTo(checksum);
    LogRecord decoded = RecordCodec.decode(payload);
    assertThat(decoded).usingRecursiveComparison().isEqualTo(record);
  }

  @Property
  void arbitraryBytesDecodeOrAreRejectedAsCorrupt(@ForAll byte[] payload) {
    Throwable thrown = catchThrowable(() -> RecordCodec.decode(payload));

    assertThat(thrown)
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(),
            t -> assertThat(t).isInstanceOf(CorruptLogException.class));
  }

  @Property
  void anyFlippedBitFailsTheChecksum(
      @ForAll("records") LogRecord record, @ForAll int position, @ForAll("bits") int bit) {
    ByteBuffer buffer = ByteBuffer.allocate(RecordCodec.maxEncodedSize(record));
    RecordCodec.encode(record, buffer);
    byte[] framed = Arrays.copyOf(buffer.array(), buffer.position());
    int checksum = ByteBuffer.wrap(framed).getInt(4);
    byte[] payload = Arrays.copyOfRange(framed, RecordCodec.FRAME_HEADER_BYTES, framed.length);

    payload[Math.floorMod(position, payload.length)] ^= (byte) (1 << bit);

    assertThat(RecordCodec.checksum(payload)).isNotEqualTo(checksum);
  }

  @Provide
  Arbitrary<Integer> bits() {
    return Arbitraries.integers().between(0, 7);
  }

  @Provide
  Arbitrary<LogRecord> records() {
    Arbitrary<Long> revisions = Arbitraries.longs().between(1, Long.MAX_VALUE);
    Arbitrary<String> keys = Arbitraries.strings().ofMinLength(1).ofMaxLength(64);
    Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    return Arbitraries.oneOf(
        Combinators.combine(revisions, keys, values).as(LogRecord.Put::new),
        Combinators.combine(revisions, keys).as(LogRecord.Delete::new),
        revisions.map(LogRecord.Compact::new));
  }
}
