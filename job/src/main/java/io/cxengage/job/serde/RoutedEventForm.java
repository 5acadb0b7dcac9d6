package io.cxengage.job.serde;

import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.RoutedEvent;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A routed event's fields around its event, whichever form the event's attributes take. */
abstract class RoutedEventForm extends ImmutableRecordSerializer<RoutedEvent> {

  private static final long serialVersionUID = 1L;

  abstract CustomerEventForm events();

  @Override
  public final void serialize(RoutedEvent record, DataOutputView target) throws IOException {
    target.writeUTF(record.tenant());
    target.writeUTF(record.key());
    events().serialize(record.event(), target);
    target.writeLong(record.configOffset());
  }

  @Override
  public final RoutedEvent deserialize(DataInputView source) throws IOException {
    String tenant = source.readUTF();
    String key = source.readUTF();
    CustomerEvent event = events().deserialize(source);
    return new RoutedEvent(tenant, key, event, source.readLong());
  }

  @Override
  public final void copy(DataInputView source, DataOutputView target) throws IOException {
    target.writeUTF(source.readUTF());
    target.writeUTF(source.readUTF());
    events().copy(source, target);
    target.writeLong(source.readLong());
  }
}
