package io.cxengage.job.serde;

import io.cxengage.job.model.RoutedEvent;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * A routed event in binary: tenant, key, the event as {@link CustomerEventSerializer} writes it,
 * the configuration offset. Every event crosses the network once as a routed event (router to the
 * CEP operator), and as JSON its decoding through Jackson's data binding was a quarter of the CEP
 * task's time.
 */
public final class RoutedEventSerializer extends RoutedEventForm {

  private static final long serialVersionUID = 1L;
  public static final RoutedEventSerializer INSTANCE = new RoutedEventSerializer();

  @Override
  CustomerEventForm events() {
    return CustomerEventSerializer.INSTANCE;
  }

  @Override
  public TypeSerializerSnapshot<RoutedEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The form before the binary attributes, to read the events waiting in older checkpoints. */
  static final class JsonAttributes extends RoutedEventForm {

    private static final long serialVersionUID = 1L;
    static final JsonAttributes INSTANCE = new JsonAttributes();

    @Override
    CustomerEventForm events() {
      return CustomerEventSerializer.JsonAttributes.INSTANCE;
    }

    @Override
    public TypeSerializerSnapshot<RoutedEvent> snapshotConfiguration() {
      return new Snapshot(AttributeFormSnapshot.JSON_ATTRIBUTES);
    }
  }

  /** Snapshot of the serialiser: its version is the form of the event's attributes. */
  public static final class Snapshot extends AttributeFormSnapshot<RoutedEvent> {

    public Snapshot() {
      this(BINARY_ATTRIBUTES);
    }

    Snapshot(int version) {
      super(version);
    }

    @Override
    TypeSerializer<RoutedEvent> binaryForm() {
      return INSTANCE;
    }

    @Override
    TypeSerializer<RoutedEvent> jsonForm() {
      return JsonAttributes.INSTANCE;
    }
  }
}
