package io.cxengage.job.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.event.CustomerEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serialiser of the events held in the CEP shared buffer: id, timestamp and the attributes as
 * JSON bytes. Events are immutable once matched, so copies share the instance.
 */
public final class CustomerEventSerializer extends ImmutableRecordSerializer<CustomerEvent> {

  private static final long serialVersionUID = 1L;
  public static final CustomerEventSerializer INSTANCE = new CustomerEventSerializer();
  private static final ObjectMapper MAPPER = Json.mapper();

  @Override
  public void serialize(CustomerEvent event, DataOutputView target) throws IOException {
    target.writeUTF(event.id());
    target.writeLong(event.timestamp());
    byte[] bytes = MAPPER.writeValueAsBytes(event.attributes());
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public CustomerEvent deserialize(DataInputView source) throws IOException {
    String id = source.readUTF();
    long timestamp = source.readLong();
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return new CustomerEvent(id, timestamp, (ObjectNode) MAPPER.readTree(bytes));
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    target.writeUTF(source.readUTF());
    target.writeLong(source.readLong());
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public TypeSerializerSnapshot<CustomerEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of this stateless serialiser. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<CustomerEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
