package io.cxengage.job.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.RoutedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.StateBackendLoader;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * State written with the attributes as JSON text (engine versions before the binary form) is read
 * after an upgrade: Flink sees the serialisers' snapshots differ in version, reads the old state
 * with the JSON form and writes it again in the binary form, in the shapes the CEP operator keeps
 * (map values as in the shared buffer, nested in a composite serialiser, operator union state).
 */
class AttributeFormMigrationTest {

  /** Heap, RocksDB, and RocksDB under the state changelog as the engine runs it by default. */
  static Stream<StateBackend> backends() throws Exception {
    Configuration changelog = new Configuration();
    changelog.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
    StateBackend underChangelog =
        StateBackendLoader.fromApplicationOrConfigOrDefault(
            new EmbeddedRocksDBStateBackend(),
            changelog,
            new Configuration(),
            AttributeFormMigrationTest.class.getClassLoader(),
            LoggerFactory.getLogger(AttributeFormMigrationTest.class));
    assertThat(StateBackendLoader.isChangelogStateBackend(underChangelog)).isTrue();
    return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend(), underChangelog);
  }

  private static CustomerEvent event(String id, String customer, String json) throws Exception {
    ObjectNode attributes = (ObjectNode) Json.mapper().readTree(json);
    attributes.put("customer", customer);
    return new CustomerEvent(id, 1_000L + id.hashCode() % 100, attributes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void stateInTheJsonFormIsReadAndRewrittenInTheBinaryForm(StateBackend backend) throws Exception {
    List<CustomerEvent> written =
        List.of(
            event("e1", "c1", "{\"type\":\"T1\",\"amount\":12.50,\"tags\":[\"a\",null]}"),
            event("e2", "c1", "{\"type\":\"T2\",\"n\":92233720368547758090}"),
            event("e3", "c2", "{\"type\":\"T3\",\"nested\":{\"deep\":{\"x\":-1e-7}}}"));

    OperatorSubtaskState old;
    try (var harness =
        harness(
            CustomerEventSerializer.JsonAttributes.INSTANCE,
            RoutedEventSerializer.JsonAttributes.INSTANCE,
            backend,
            null)) {
      for (CustomerEvent e : written) {
        harness.processElement(e, e.timestamp());
      }
      old = harness.snapshot(1, 1);
    }

    OperatorSubtaskState migrated;
    try (var harness =
        harness(CustomerEventSerializer.INSTANCE, RoutedEventSerializer.INSTANCE, backend, old)) {
      assertThat(StoreEvents.restoredWaiting).isEqualTo(describe(written));
      assertThat(readBack(harness, written)).isEqualTo(expected(written));
      migrated = harness.snapshot(2, 2);
    }

    // and the new snapshot is of the binary form, read as it is
    try (var harness =
        harness(
            CustomerEventSerializer.INSTANCE, RoutedEventSerializer.INSTANCE, backend, migrated)) {
      assertThat(readBack(harness, written)).isEqualTo(expected(written));
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, String> harness(
      CustomerEventForm events,
      RoutedEventForm routed,
      StateBackend backend,
      OperatorSubtaskState restore)
      throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new StoreEvents(events, routed),
            e -> e.attributes().get("customer").asText(),
            Types.STRING);
    harness.setStateBackend(backend);
    if (restore == null) {
      harness.initializeEmptyState();
    } else {
      harness.initializeState(restore);
    }
    harness.open();
    return harness;
  }

  /** Asks the operator, per customer, what its state holds. */
  private static List<String> readBack(
      KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, String> harness,
      List<CustomerEvent> written)
      throws Exception {
    harness.getOutput().clear();
    for (String customer :
        written.stream().map(AttributeFormMigrationTest::customer).distinct().toList()) {
      harness.processElement(
          new CustomerEvent(
              StoreEvents.READ, 0L, Json.mapper().createObjectNode().put("customer", customer)),
          0L);
    }
    return harness.extractOutputValues();
  }

  private static List<String> expected(List<CustomerEvent> written) {
    List<String> expected = new ArrayList<>();
    for (String customer :
        written.stream().map(AttributeFormMigrationTest::customer).distinct().toList()) {
      List<CustomerEvent> own = written.stream().filter(e -> customer(e).equals(customer)).toList();
      expected.add("map " + describe(own));
      expected.add("list " + describe(own));
    }
    return expected;
  }

  private static String customer(CustomerEvent e) {
    return e.attributes().get("customer").asText();
  }

  private static List<String> describe(List<CustomerEvent> events) {
    return events.stream()
        .map(e -> e.id() + "@" + e.timestamp() + " " + e.attributes())
        .sorted()
        .toList();
  }

  /**
   * Keeps every event it is given in keyed map and list state and, as routed events, in union
   * operator state; an event with id {@link #READ} outputs what its customer's state holds.
   */
  static final class StoreEvents extends AbstractStreamOperator<String>
      implements OneInputStreamOperator<CustomerEvent, String> {

    static final String READ = "read";
    static List<String> restoredWaiting = List.of();

    private final TypeSerializer<CustomerEvent> events;
    private final TypeSerializer<RoutedEvent> routed;
    private transient MapState<String, CustomerEvent> byId;
    private transient ValueState<List<CustomerEvent>> inOrder;
    private transient ListState<RoutedEvent> waitingState;
    private final List<RoutedEvent> waiting = new ArrayList<>();

    StoreEvents(TypeSerializer<CustomerEvent> events, TypeSerializer<RoutedEvent> routed) {
      this.events = events;
      this.routed = routed;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
      super.initializeState(context);
      byId =
          context
              .getKeyedStateStore()
              .getMapState(new MapStateDescriptor<>("by-id", StringSerializer.INSTANCE, events));
      inOrder =
          context
              .getKeyedStateStore()
              .getState(new ValueStateDescriptor<>("in-order", new ListSerializer<>(events)));
      waitingState =
          context
              .getOperatorStateStore()
              .getUnionListState(new ListStateDescriptor<>("waiting", routed));
      List<CustomerEvent> restored = new ArrayList<>();
      for (RoutedEvent r : waitingState.get()) {
        restored.add(r.event());
      }
      restoredWaiting = describe(restored);
    }

    @Override
    public void processElement(StreamRecord<CustomerEvent> record) throws Exception {
      CustomerEvent e = record.getValue();
      if (e.id().equals(READ)) {
        List<CustomerEvent> mapped = new ArrayList<>();
        byId.values().forEach(mapped::add);
        output.collect(new StreamRecord<>("map " + describe(mapped)));
        output.collect(new StreamRecord<>("list " + describe(inOrder.value())));
        return;
      }
      byId.put(e.id(), e);
      List<CustomerEvent> list = inOrder.value() == null ? new ArrayList<>() : inOrder.value();
      list.add(e);
      inOrder.update(list);
      waiting.add(new RoutedEvent("t", customer(e), e, 7L));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
      super.snapshotState(context);
      waitingState.update(waiting);
    }
  }
}
