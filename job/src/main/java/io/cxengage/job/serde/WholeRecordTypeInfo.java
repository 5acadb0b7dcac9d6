package io.cxengage.job.serde;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Type information for a record that Flink handles as one opaque value of a class, written by a
 * serializer of its own (no fields, no key type): what {@link JsonTypeInfo} and {@link
 * BinaryTypeInfo} have in common. Two are equal when they are of the same kind and class.
 */
public abstract class WholeRecordTypeInfo<T> extends TypeInformation<T> {

  private static final long serialVersionUID = 1L;
  private final Class<T> type;

  protected WholeRecordTypeInfo(Class<T> type) {
    this.type = type;
  }

  @Override
  public final boolean isBasicType() {
    return false;
  }

  @Override
  public final boolean isTupleType() {
    return false;
  }

  @Override
  public final int getArity() {
    return 1;
  }

  @Override
  public final int getTotalFields() {
    return 1;
  }

  @Override
  public final Class<T> getTypeClass() {
    return type;
  }

  @Override
  public final boolean isKeyType() {
    return false;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "<" + type.getSimpleName() + ">";
  }

  @Override
  public final boolean equals(Object obj) {
    return obj != null
        && obj.getClass() == getClass()
        && ((WholeRecordTypeInfo<?>) obj).type.equals(type);
  }

  @Override
  public final int hashCode() {
    return type.hashCode();
  }

  @Override
  public final boolean canEqual(Object obj) {
    return obj != null && obj.getClass() == getClass();
  }
}
