package io.cxengage.job.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a stateless serialiser of events whose attributes were once written as JSON text
 * and now in {@link AttributeEncoding}'s binary form. The version says which: state written in the
 * JSON form (version 3, what Flink's {@code SimpleTypeSerializerSnapshot} wrote for the serialiser
 * of the same name before) is read back with the JSON form's serialiser and migrated by Flink.
 */
abstract class AttributeFormSnapshot<T> implements TypeSerializerSnapshot<T> {

  static final int JSON_ATTRIBUTES = 3;
  static final int BINARY_ATTRIBUTES = 4;

  private int version;

  AttributeFormSnapshot(int version) {
    this.version = version;
  }

  /** The serialiser of the current (binary) form. */
  abstract TypeSerializer<T> binaryForm();

  /** The serialiser that reads state written in the JSON form. */
  abstract TypeSerializer<T> jsonForm();

  @Override
  public int getCurrentVersion() {
    return version;
  }

  @Override
  public void writeSnapshot(DataOutputView out) {
    // the version says it all
  }

  @Override
  public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
      throws IOException {
    if (readVersion != JSON_ATTRIBUTES && readVersion != BINARY_ATTRIBUTES) {
      throw new IOException(
          getClass().getName()
              + ": unknown snapshot version "
              + readVersion
              + " (state written by a newer engine version?)");
    }
    version = readVersion;
  }

  @Override
  public TypeSerializer<T> restoreSerializer() {
    return version == JSON_ATTRIBUTES ? jsonForm() : binaryForm();
  }

  @Override
  public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
      TypeSerializerSnapshot<T> old) {
    if (old == null || old.getClass() != getClass()) {
      return TypeSerializerSchemaCompatibility.incompatible();
    }
    int oldVersion = ((AttributeFormSnapshot<T>) old).version;
    if (oldVersion == version) {
      return TypeSerializerSchemaCompatibility.compatibleAsIs();
    }
    return oldVersion == JSON_ATTRIBUTES && version == BINARY_ATTRIBUTES
        ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
        : TypeSerializerSchemaCompatibility.incompatible();
  }
}
