package io.cxengage.job.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.ParsedEvent;
import io.cxengage.job.model.RoutedEvent;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The binary serialisers of the records every event becomes on its way through the job. */
class EventRecordSerializersTest {

  private static CustomerEvent event() throws Exception {
    ObjectNode attributes =
        (ObjectNode)
            new JsonMapper()
                .readTree("{\"id\":\"c1\",\"type\":\"buy\",\"amount\":12.5,\"tags\":[\"a\"]}");
    return new CustomerEvent("e-7", 1_767_225_600_123L, attributes);
  }

  @Test
  void aRoutedEventIsWrittenReadAndCopiedWholeWithoutDecoding() throws Exception {
    RoutedEvent e = new RoutedEvent("tenant-ü", "c1", event(), 42L);
    RoutedEvent read = roundTrip(RoutedEventSerializer.INSTANCE, e);
    assertThat(read.tenant()).isEqualTo(e.tenant());
    assertThat(read.key()).isEqualTo(e.key());
    assertThat(read.configOffset()).isEqualTo(e.configOffset());
    assertSameEvent(read.event(), e.event());
  }

  @Test
  void aParsedEventIsWrittenReadAndCopiedWholeWithoutDecoding() throws Exception {
    ParsedEvent e = new ParsedEvent("tenant-☃", event(), 7L);
    ParsedEvent read = roundTrip(ParsedEventSerializer.INSTANCE, e);
    assertThat(read.tenant()).isEqualTo(e.tenant());
    assertThat(read.configOffset()).isEqualTo(e.configOffset());
    assertSameEvent(read.event(), e.event());
  }

  /**
   * Writes the record twice, reads the first, copies the second through {@code copy(in, out)}
   * (which must consume exactly one record) and returns what the copy reads back as.
   */
  private static <T> T roundTrip(TypeSerializer<T> s, T record) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(record, out);
    s.serialize(record, out);

    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    T first = s.deserialize(in);
    // sized: unlike serialize, copying from a view does not grow the buffer
    DataOutputSerializer copied = new DataOutputSerializer(4096);
    s.copy(in, copied);
    assertThat(in.available()).isZero();
    T second = s.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()));
    assertThat(second).isEqualTo(first);
    return second;
  }

  private static void assertSameEvent(CustomerEvent read, CustomerEvent written) {
    assertThat(read.id()).isEqualTo(written.id());
    assertThat(read.timestamp()).isEqualTo(written.timestamp());
    assertThat(read.attributes().toString()).isEqualTo(written.attributes().toString());
  }

  @Test
  void aRestoredSerializerIsTheSameOne() {
    assertThat(RoutedEventSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
        .isSameAs(RoutedEventSerializer.INSTANCE);
    assertThat(ParsedEventSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
        .isSameAs(ParsedEventSerializer.INSTANCE);
  }
}
