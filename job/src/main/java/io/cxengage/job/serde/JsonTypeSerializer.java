package io.cxengage.job.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serialises the job's own records (Java records and JSON-friendly classes) as length-prefixed
 * JSON. JSON keeps state readable across changes of the classes (new fields are ignored by old
 * readers, missing ones are null), which matters more here than the last bit of speed; the hot
 * type, {@code CustomerEvent}, has its own serialiser.
 */
public final class JsonTypeSerializer<T> extends TypeSerializer<T> {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = Json.mapper();

  private final Class<T> type;

  public JsonTypeSerializer(Class<T> type) {
    this.type = Objects.requireNonNull(type);
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public T copy(T from) {
    return from;
  }

  @Override
  public T copy(T from, T reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(record);
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return MAPPER.readValue(bytes, type);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof JsonTypeSerializer<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(type);
  }

  /** Remembers the record class; any later version of it is compatible (JSON is tolerant). */
  public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
    private Class<T> type;

    public Snapshot() {}

    Snapshot(Class<T> type) {
      this.type = type;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(type.getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int version, DataInputView in, ClassLoader loader) throws IOException {
      try {
        type = (Class<T>) Class.forName(in.readUTF(), false, loader);
      } catch (ClassNotFoundException e) {
        throw new IOException("a record class of the saved state no longer exists", e);
      }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return new JsonTypeSerializer<>(type);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
        TypeSerializerSnapshot<T> oldSnapshot) {
      return oldSnapshot instanceof Snapshot<T> s && s.type.equals(type)
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
