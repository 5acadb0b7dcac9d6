package io.cxengage.job.serde;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for records that travel through the job as JSON ({@link JsonTypeSerializer}).
 */
public final class JsonTypeInfo<T> extends WholeRecordTypeInfo<T> {

  private static final long serialVersionUID = 1L;

  public JsonTypeInfo(Class<T> type) {
    super(type);
  }

  public static <T> JsonTypeInfo<T> of(Class<T> type) {
    return new JsonTypeInfo<>(type);
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new JsonTypeSerializer<>(getTypeClass());
  }

  @Override
  public String toString() {
    return "Json<" + getTypeClass().getSimpleName() + ">";
  }
}
