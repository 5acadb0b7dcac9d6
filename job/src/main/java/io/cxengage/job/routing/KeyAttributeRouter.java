package io.cxengage.job.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.dsl.eval.AttributePath;
import io.cxengage.job.cep.ConfigBroadcast;
import io.cxengage.job.config.ConfigReadiness;
import io.cxengage.job.config.ConfigView;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.model.ParsedEvent;
import io.cxengage.job.model.RoutedEvent;
import io.cxengage.job.parse.DeadLetters;
import io.cxengage.job.serde.JsonTypeInfo;
import io.cxengage.job.serde.JsonTypeSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Gives each event its customer: the value of its tenant's key attribute, read from the broadcast
 * configuration, so that a change of key attribute applies to later events without a restart.
 * Events of unknown tenants, or without a usable key, go to {@link #DEAD}. Until the configuration
 * is ready ({@link ConfigReadiness}) events and watermarks are held back.
 */
public final class KeyAttributeRouter extends AbstractStreamOperator<RoutedEvent>
    implements TwoInputStreamOperator<ParsedEvent, ConfigUpdate, RoutedEvent> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<DeadLetterRecord> DEAD =
      new OutputTag<>("route-dead-letters", JsonTypeInfo.of(DeadLetterRecord.class));

  private final boolean initiallyReady;
  private transient ConfigView view;
  private transient BroadcastState<String, String> configState;
  private transient ListState<ParsedEvent> heldState;
  private transient List<StreamRecord<ParsedEvent>> held;
  private transient boolean ready;
  private transient Watermark heldWatermark;
  private transient Counter routed;
  private transient Counter dead;

  public KeyAttributeRouter(boolean initiallyReady) {
    this.initiallyReady = initiallyReady;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    configState = context.getOperatorStateStore().getBroadcastState(ConfigBroadcast.DESCRIPTOR);
    heldState =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "cx-router-held", new JsonTypeSerializer<>(ParsedEvent.class)));
    view = new ConfigView();
    for (Map.Entry<String, String> e : configState.entries()) {
      view.apply(new ConfigUpdate(e.getKey(), e.getValue(), -1));
    }
    ready = initiallyReady || configState.contains(ConfigReadiness.MARKER_KEY);
    held = new ArrayList<>();
    for (ParsedEvent e : heldState.get()) {
      held.add(new StreamRecord<>(e, e.event().timestamp()));
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    routed = getMetricGroup().counter("eventsRouted");
    dead = getMetricGroup().counter("eventsUnroutable");
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    heldState.clear();
    for (StreamRecord<ParsedEvent> r : held) {
      heldState.add(r.getValue());
    }
  }

  @Override
  public void processElement1(StreamRecord<ParsedEvent> record) {
    if (!ready) {
      held.add(record);
      return;
    }
    route(record);
  }

  @Override
  public void processWatermark1(Watermark mark) throws Exception {
    if (!ready) {
      heldWatermark = mark;
      return;
    }
    super.processWatermark1(mark);
  }

  @Override
  public void processElement2(StreamRecord<ConfigUpdate> record) throws Exception {
    ConfigUpdate update = record.getValue();
    if (update.value() == null) {
      configState.remove(update.key());
    } else {
      configState.put(update.key(), update.value());
    }
    view.apply(update);
    if (!ready && ConfigReadiness.isMarker(update)) {
      ready = true;
      for (StreamRecord<ParsedEvent> r : held) {
        route(r);
      }
      held.clear();
      if (heldWatermark != null) {
        super.processWatermark1(heldWatermark);
        heldWatermark = null;
      }
    }
  }

  private void route(StreamRecord<ParsedEvent> record) {
    ParsedEvent e = record.getValue();
    Optional<String> problem = Optional.empty();
    Optional<ConfigView.TenantConfig> tenant = view.existing(e.tenant());
    JsonNode value = null;
    String keyAttribute = null;
    if (tenant.isEmpty()) {
      problem = Optional.of("unknown tenant '" + e.tenant() + "'");
    } else {
      keyAttribute = tenant.get().keyAttribute();
      value = new AttributePath(keyAttribute).read(e.event().attributes());
      if (value == null) {
        problem = Optional.of("no key attribute: the event has no '" + keyAttribute + "'");
      } else if (!value.isTextual() && !value.isNumber()) {
        problem =
            Optional.of(
                "bad key attribute: '"
                    + keyAttribute
                    + "' must be a string or a number, not "
                    + value.getNodeType());
      }
    }
    if (problem.isPresent()) {
      dead.inc();
      output.collect(
          DEAD,
          new StreamRecord<>(
              DeadLetters.of(e.tenant(), e.event(), problem.get(), DeadLetters.STAGE_ROUTE)));
      return;
    }
    routed.inc();
    output.collect(
        new StreamRecord<>(
            new RoutedEvent(e.tenant(), value.asText(), e.event()), record.getTimestamp()));
  }
}
