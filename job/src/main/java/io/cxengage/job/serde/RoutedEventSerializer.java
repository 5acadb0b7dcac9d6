package io.cxengage.job.serde;

import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.RoutedEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A routed event in binary: tenant, key, the event as {@link CustomerEventSerializer} writes it,
 * the configuration offset. Every event crosses the network once as a routed event (router to the
 * CEP operator), and as JSON its decoding through Jackson's data binding was a quarter of the CEP
 * task's time.
 */
public final class RoutedEventSerializer extends ImmutableRecordSerializer<RoutedEvent> {

  private static final long serialVersionUID = 1L;
  public static final RoutedEventSerializer INSTANCE = new RoutedEventSerializer();

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
