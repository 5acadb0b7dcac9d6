package io.cxengage.job.serde;

import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.ParsedEvent;
import io.cxengage.job.model.RoutedEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information that always means one given binary serialiser. */
public final class BinaryTypeInfo<T> extends WholeRecordTypeInfo<T> {

  private static final long serialVersionUID = 1L;
  private final TypeSerializer<T> serializer;

  private BinaryTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
    super(type);
    this.serializer = serializer;
  }

  public static TypeInformation<RoutedEvent> routedEvent() {
    return new BinaryTypeInfo<>(RoutedEvent.class, RoutedEventSerializer.INSTANCE);
  }

  public static TypeInformation<ParsedEvent> parsedEvent() {
    return new BinaryTypeInfo<>(ParsedEvent.class, ParsedEventSerializer.INSTANCE);
  }

  public static TypeInformation<CustomerEvent> customerEvent() {
    return new BinaryTypeInfo<>(CustomerEvent.class, CustomerEventSerializer.INSTANCE);
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
