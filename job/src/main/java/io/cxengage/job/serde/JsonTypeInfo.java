package io.cxengage.job.serde;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for records that travel through the job as JSON ({@link JsonTypeSerializer}).
 */
public final class JsonTypeInfo<T> extends TypeInformation<T> {

  private static final long serialVersionUID = 1L;
  private final Class<T> type;

  public JsonTypeInfo(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonTypeInfo<T> of(Class<T> type) {
    return new JsonTypeInfo<>(type);
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new JsonTypeSerializer<>(type);
  }

  @Override
  public String toString() {
    return "Json<" + type.getSimpleName() + ">";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof JsonTypeInfo<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof JsonTypeInfo;
  }
}
