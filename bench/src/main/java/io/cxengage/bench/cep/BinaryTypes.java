package io.cxengage.bench.cep;

import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.RoutedEvent;
import io.cxengage.job.serde.CustomerEventSerializer;
import io.cxengage.job.serde.WholeRecordTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Type information with the same binary event serialiser on both sides of the comparison: the
 * static operator's input (and so its event queue and shared buffer) and the dynamic operator's
 * input both carry a {@link CustomerEvent} as {@link CustomerEventSerializer} writes it, so the
 * bench compares the operators, not the transport. (The job itself ships {@code RoutedEvent} as
 * JSON; see the README.)
 */
final class BinaryTypes {

  private BinaryTypes() {}

  static TypeInformation<CustomerEvent> customerEvent() {
    return new Fixed<>(CustomerEvent.class, CustomerEventSerializer.INSTANCE);
  }

  static TypeInformation<RoutedEvent> routedEvent() {
    return new Fixed<>(RoutedEvent.class, RoutedEventSerializer.INSTANCE);
  }

  /** Tenant, key, then the event as {@link CustomerEventSerializer} writes it. */
  static final class RoutedEventSerializer extends TypeSerializerSingleton<RoutedEvent> {
    private static final long serialVersionUID = 1L;
    static final RoutedEventSerializer INSTANCE = new RoutedEventSerializer();

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    public RoutedEvent createInstance() {
      return null;
    }

    @Override
    public RoutedEvent copy(RoutedEvent from) {
      return from;
    }

    @Override
    public RoutedEvent copy(RoutedEvent from, RoutedEvent reuse) {
      return from;
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public void serialize(RoutedEvent record, DataOutputView target) throws IOException {
      target.writeUTF(record.tenant());
      target.writeUTF(record.key());
      CustomerEventSerializer.INSTANCE.serialize(record.event(), target);
      target.writeLong(record.configOffset());
    }

    @Override
    public RoutedEvent deserialize(DataInputView source) throws IOException {
      String tenant = source.readUTF();
      String key = source.readUTF();
      CustomerEvent event = CustomerEventSerializer.INSTANCE.deserialize(source);
      return new RoutedEvent(tenant, key, event, source.readLong());
    }

    @Override
    public RoutedEvent deserialize(RoutedEvent reuse, DataInputView source) throws IOException {
      return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
      target.writeUTF(source.readUTF());
      target.writeUTF(source.readUTF());
      CustomerEventSerializer.INSTANCE.copy(source, target);
      target.writeLong(source.readLong());
    }

    @Override
    public TypeSerializerSnapshot<RoutedEvent> snapshotConfiguration() {
      return new Snapshot();
    }

    /** Snapshot of this stateless serialiser. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RoutedEvent> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }

  /** Type information that always means one given serialiser. */
  static final class Fixed<T> extends WholeRecordTypeInfo<T> {
    private static final long serialVersionUID = 1L;
    private final TypeSerializer<T> serializer;

    Fixed(Class<T> type, TypeSerializer<T> serializer) {
      super(type);
      this.serializer = serializer;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
      return serializer;
    }

    @Override
    public String toString() {
      return "Binary<" + getTypeClass().getSimpleName() + ">";
    }
  }
}
