package io.cxengage.job.serde;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.dsl.event.CustomerEvent;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An event's fields, whichever form its text and attributes take. */
abstract class CustomerEventForm extends ImmutableRecordSerializer<CustomerEvent> {

  private static final long serialVersionUID = 1L;

  abstract void writeText(String text, DataOutputView target) throws IOException;

  abstract String readText(DataInputView source) throws IOException;

  abstract void copyText(DataInputView source, DataOutputView target) throws IOException;

  abstract void writeAttributes(ObjectNode attributes, DataOutputView target) throws IOException;

  abstract ObjectNode readAttributes(DataInputView source) throws IOException;

  abstract void copyAttributes(DataInputView source, DataOutputView target) throws IOException;

  @Override
  public final void serialize(CustomerEvent event, DataOutputView target) throws IOException {
    writeText(event.id(), target);
    target.writeLong(event.timestamp());
    writeAttributes(event.attributes(), target);
  }

  @Override
  public final CustomerEvent deserialize(DataInputView source) throws IOException {
    String id = readText(source);
    long timestamp = source.readLong();
    return new CustomerEvent(id, timestamp, readAttributes(source));
  }

  @Override
  public final void copy(DataInputView source, DataOutputView target) throws IOException {
    copyText(source, target);
    target.writeLong(source.readLong());
    copyAttributes(source, target);
  }
}
