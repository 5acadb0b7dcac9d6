package io.cxengage.job.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.event.CustomerEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serialiser of the events held in the CEP shared buffer: id, timestamp and the attributes in
 * {@link AttributeEncoding}'s binary form. Events are immutable once matched, so copies share the
 * instance.
 */
public final class CustomerEventSerializer extends CustomerEventForm {

  private static final long serialVersionUID = 1L;
  public static final CustomerEventSerializer INSTANCE = new CustomerEventSerializer();

  @Override
  void writeText(String text, DataOutputView target) throws IOException {
    AttributeEncoding.writeText(text, target);
  }

  @Override
  String readText(DataInputView source) throws IOException {
    return AttributeEncoding.readText(source);
  }

  @Override
  void copyText(DataInputView source, DataOutputView target) throws IOException {
    AttributeEncoding.copyText(source, target);
  }

  @Override
  void writeAttributes(ObjectNode attributes, DataOutputView target) throws IOException {
    AttributeEncoding.write(attributes, target);
  }

  @Override
  ObjectNode readAttributes(DataInputView source) throws IOException {
    return AttributeEncoding.read(source);
  }

  @Override
  void copyAttributes(DataInputView source, DataOutputView target) throws IOException {
    AttributeEncoding.copy(source, target);
  }

  @Override
  public TypeSerializerSnapshot<CustomerEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * The form of engine versions before the binary attributes: the attributes as length-prefixed
   * JSON text. Kept to read their checkpoints and savepoints, which Flink then migrates.
   */
  static final class JsonAttributes extends CustomerEventForm {

    private static final long serialVersionUID = 1L;
    static final JsonAttributes INSTANCE = new JsonAttributes();
    private static final ObjectMapper MAPPER = Json.mapper();

    @Override
    void writeText(String text, DataOutputView target) throws IOException {
      target.writeUTF(text);
    }

    @Override
    String readText(DataInputView source) throws IOException {
      return source.readUTF();
    }

    @Override
    void copyText(DataInputView source, DataOutputView target) throws IOException {
      target.writeUTF(source.readUTF());
    }

    @Override
    void writeAttributes(ObjectNode attributes, DataOutputView target) throws IOException {
      byte[] bytes = MAPPER.writeValueAsBytes(attributes);
      target.writeInt(bytes.length);
      target.write(bytes);
    }

    @Override
    ObjectNode readAttributes(DataInputView source) throws IOException {
      byte[] bytes = new byte[source.readInt()];
      source.readFully(bytes);
      return (ObjectNode) MAPPER.readTree(bytes);
    }

    @Override
    void copyAttributes(DataInputView source, DataOutputView target) throws IOException {
      int length = source.readInt();
      target.writeInt(length);
      target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<CustomerEvent> snapshotConfiguration() {
      return new Snapshot(AttributeFormSnapshot.JSON_ATTRIBUTES);
    }
  }

  /** Snapshot of the serialiser: its version is the form of the attributes. */
  public static final class Snapshot extends AttributeFormSnapshot<CustomerEvent> {

    public Snapshot() {
      this(BINARY_ATTRIBUTES);
    }

    Snapshot(int version) {
      super(version);
    }

    @Override
    TypeSerializer<CustomerEvent> binaryForm() {
      return INSTANCE;
    }

    @Override
    TypeSerializer<CustomerEvent> jsonForm() {
      return JsonAttributes.INSTANCE;
    }
  }
}
