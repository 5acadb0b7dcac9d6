package io.cxengage.job.cep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.connectors.config.TenantDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.config.ConfigReadiness;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.model.MatchRecord;
import io.cxengage.job.model.RoutedEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * Drives the {@link DynamicPatternOperator} through Flink's keyed two-input operator test harness:
 * configuration on the second input, events of tenant {@code t} on the first, watermarks by hand.
 */
final class CepHarness implements AutoCloseable {

  static final String TENANT = "t";

  final KeyedTwoInputStreamOperatorTestHarness<String, RoutedEvent, ConfigUpdate, MatchRecord>
      harness;
  private long offset;
  private int eventCount;

  CepHarness(DynamicPatternOperator.Ordering ordering) throws Exception {
    this(ordering, null);
  }

  CepHarness(DynamicPatternOperator.Ordering ordering, OperatorSubtaskState restore)
      throws Exception {
    this(ordering, restore, 128, 1, 0);
  }

  /** Subtask {@code subtask} of {@code parallelism}, restored from {@code restore} if not null. */
  CepHarness(
      DynamicPatternOperator.Ordering ordering,
      OperatorSubtaskState restore,
      int maxParallelism,
      int parallelism,
      int subtask)
      throws Exception {
    harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new DynamicPatternOperator(ordering, false),
            RoutedEvent::routingKey,
            // the harness keys the configuration input too: by a key of this subtask's own
            configKeyOf(maxParallelism, parallelism, subtask),
            Types.STRING,
            maxParallelism,
            parallelism,
            subtask);
    if (restore == null) {
      harness.initializeEmptyState();
    } else {
      harness.initializeState(restore);
    }
    harness.open();
    if (restore == null) {
      config(ConfigKey.tenant(TENANT).toString(), new TenantDocument(TENANT, TENANT, null, 1L));
      config(ConfigKey.keyAttribute(TENANT).toString(), new KeyAttributeDocument("id", 1L));
      harness.processElement2(ConfigReadiness.marker(), 0);
    }
  }

  private static KeySelector<ConfigUpdate, String> configKeyOf(
      int maxParallelism, int parallelism, int subtask) {
    for (int i = 0; ; i++) {
      String key = "config-" + i;
      if (KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxParallelism, parallelism)
          == subtask) {
        return c -> key;
      }
    }
  }

  void pattern(String id, String when) throws Exception {
    pattern(id, when, true);
  }

  void pattern(String id, String when, boolean enabled) throws Exception {
    pattern(id, when, "(send echo message {})", enabled);
  }

  void pattern(String id, String when, String then, boolean enabled) throws Exception {
    config(
        ConfigKey.of(TENANT, ConfigKind.PATTERN, id).toString(),
        new PatternDocument(id, id, null, enabled, when, then, 1L));
  }

  void deletePattern(String id) throws Exception {
    harness.processElement2(
        new ConfigUpdate(ConfigKey.of(TENANT, ConfigKind.PATTERN, id).toString(), null, offset++),
        0);
  }

  private void config(String key, Object doc) throws Exception {
    harness.processElement2(new ConfigUpdate(key, Json.write(doc), offset++), 0);
  }

  /** Sends an event of customer {@code key} at {@code ts}; returns its id. */
  String event(String key, long ts, String json) throws Exception {
    return event(key, ts, json, -1);
  }

  /** An event whose writer had applied the configuration up to {@code configOffset}. */
  String event(String key, long ts, String json, long configOffset) throws Exception {
    ObjectNode attrs = (ObjectNode) Json.tree(json);
    attrs.put("id", key);
    String id = "e" + eventCount++;
    harness.processElement1(
        new RoutedEvent(TENANT, key, new CustomerEvent(id, ts, attrs), configOffset), ts);
    return id;
  }

  /** The configuration log has moved on to {@code offset} (nothing changed). */
  void configProgress(long offset) throws Exception {
    harness.processElement2(ConfigReadiness.progress(offset), 0);
  }

  OperatorSubtaskState snapshot() throws Exception {
    return harness.snapshot(1, 1);
  }

  void watermark(long ts) throws Exception {
    harness.processBothWatermarks(new Watermark(ts));
  }

  /** Input ends: time runs to infinity. */
  void finish() throws Exception {
    watermark(Long.MAX_VALUE);
  }

  List<MatchRecord> matches() {
    return new ArrayList<>(harness.extractOutputValues());
  }

  /** "key@at:[ids]" per match, for compact assertions. */
  List<String> summary() {
    List<String> out = new ArrayList<>();
    for (MatchRecord m : matches()) {
      out.add(
          m.patternId()
              + " "
              + m.key()
              + "@"
              + m.at()
              + ":"
              + m.events().stream().map(CustomerEvent::id).toList());
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
