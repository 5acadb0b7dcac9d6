package io.cxengage.job.serde;

import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.RoutedEvent;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A routed event's fields, in the form of its event's. */
abstract class RoutedEventForm extends ImmutableRecordSerializer<RoutedEvent> {

  private static final long serialVersionUID = 1L;

  abstract CustomerEventForm events();

  @Override
  public final void serialize(RoutedEvent record, DataOutputView target) throws IOException {
    events().writeText(record.tenant(), target);
    events().writeText(record.key(), target);
    events().serialize(record.event(), target);
    target.writeLong(record.configOffset());
  }

  @Override
  public final RoutedEvent deserialize(DataInputView source) throws IOException {
    String tenant = events().readText(source);
    String key = events().readText(source);
    CustomerEvent event = events().deserialize(source);
    return new RoutedEvent(tenant, key, event, source.readLong());
  }

  @Override
  public final void copy(DataInputView source, DataOutputView target) throws IOException {
    events().copyText(source, target);
    events().copyText(source, target);
    events().copy(source, target);
    target.writeLong(source.readLong());
  }
}
