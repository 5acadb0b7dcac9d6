package io.cxengage.job.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.RoutedEvent;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RoutedEventSerializerTest {

  private static RoutedEvent event() throws Exception {
    ObjectNode attributes =
        (ObjectNode)
            new JsonMapper()
                .readTree("{\"id\":\"c1\",\"type\":\"buy\",\"amount\":12.5,\"tags\":[\"a\"]}");
    return new RoutedEvent(
        "tenant-ü", "c1", new CustomerEvent("e-7", 1_767_225_600_123L, attributes), 42L);
  }

  @Test
  void writesAndReadsEveryFieldAndCopiesWithoutDecoding() throws Exception {
    RoutedEventSerializer s = RoutedEventSerializer.INSTANCE;
    RoutedEvent e = event();
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(e, out);
    s.serialize(e, out);

    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    assertSame(s.deserialize(in), e);
    // sized: unlike serialize, copying from a view does not grow the buffer
    DataOutputSerializer copied = new DataOutputSerializer(4096);
    s.copy(in, copied);
    assertThat(in.available()).isZero();
    assertSame(s.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())), e);
  }

  private static void assertSame(RoutedEvent read, RoutedEvent written) {
    assertThat(read.tenant()).isEqualTo(written.tenant());
    assertThat(read.key()).isEqualTo(written.key());
    assertThat(read.configOffset()).isEqualTo(written.configOffset());
    assertThat(read.event().id()).isEqualTo(written.event().id());
    assertThat(read.event().timestamp()).isEqualTo(written.event().timestamp());
    assertThat(read.event().attributes().toString())
        .isEqualTo(written.event().attributes().toString());
  }

  @Test
  void aRestoredSerializerIsTheSameOne() {
    var snapshot = RoutedEventSerializer.INSTANCE.snapshotConfiguration();
    assertThat(snapshot.restoreSerializer()).isSameAs(RoutedEventSerializer.INSTANCE);
  }
}
