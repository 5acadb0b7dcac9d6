package io.cxengage.job.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.connectors.config.TemplateDocument;
import io.cxengage.connectors.config.TenantDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.connectors.records.ReactionRecord;
import io.cxengage.job.CxEngageJob;
import io.cxengage.job.JobOptions;
import io.cxengage.job.augment.AugmentRow;
import io.cxengage.job.config.ConfigReadiness;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.model.RawEvent;
import io.cxengage.job.reaction.DispatchSettings;
import io.cxengage.job.serde.JsonTypeInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs recorded input through the real job graph on a local Flink cluster (bounded sources,
 * parallelism 1, exact event-time ordering, nothing leaves the machine) and collects what comes
 * out. When the input ends, event time runs to infinity, so pending absences and delays complete.
 */
public final class Replay {

  /** What a replay produced. */
  public record Result(List<ReactionRecord> reactions, List<DeadLetterRecord> deadLetters) {}

  private Replay() {}

  /** The configuration records a case stands for: tenant, key attribute, templates, patterns. */
  public static List<ConfigUpdate> configOf(ConformanceCase c) {
    String t = ConformanceCase.TENANT;
    List<ConfigUpdate> out = new ArrayList<>();
    long offset = 0;
    out.add(update(ConfigKey.tenant(t), new TenantDocument(t, t, null, 1L), offset++));
    String key = c.keyAttribute() == null ? KeyAttributeDocument.DEFAULT_KEY : c.keyAttribute();
    out.add(update(ConfigKey.keyAttribute(t), new KeyAttributeDocument(key, 1L), offset++));
    for (var tm : c.templatesOrEmpty().entrySet()) {
      out.add(
          update(
              ConfigKey.of(t, ConfigKind.TEMPLATE, tm.getKey()),
              new TemplateDocument(tm.getKey(), tm.getKey(), null, tm.getValue(), 1L),
              offset++));
    }
    int n = 0;
    for (ConformanceCase.CasePattern p : c.patterns()) {
      String id = p.id() == null ? "PT" + (++n) : p.id();
      PatternDocument doc =
          new PatternDocument(
              id,
              p.name() == null ? id : p.name(),
              null,
              Boolean.TRUE.equals(p.status()),
              p.when(),
              p.then(),
              1L);
      out.add(update(ConfigKey.of(t, ConfigKind.PATTERN, id), doc, offset++));
    }
    out.add(ConfigReadiness.marker());
    return out;
  }

  /** The events of a case as records of {@code cx.events}. */
  public static List<RawEvent> eventsOf(ConformanceCase c) {
    List<RawEvent> out = new ArrayList<>();
    long offset = 0;
    for (ConformanceCase.CaseEvent e : c.events()) {
      long at = Instant.parse(e.at()).toEpochMilli();
      ObjectNode event = ((ObjectNode) e.event()).deepCopy();
      event.put("timestamp", at);
      out.add(
          new RawEvent(
              ConformanceCase.TENANT, Json.writeBytes(event), "replay", 0, offset++, at, -1));
    }
    return out;
  }

  /** Replays a case through the job. */
  public static Result run(ConformanceCase c) throws Exception {
    return run(configOf(c), eventsOf(c));
  }

  public static Result run(List<ConfigUpdate> config, List<RawEvent> events) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    DataStream<ConfigUpdate> configStream =
        env.fromData(config, JsonTypeInfo.of(ConfigUpdate.class));
    DataStream<RawEvent> eventStream =
        events.isEmpty()
            ? env.fromData(
                    List.of(new RawEvent(null, null, "replay", 0, -1, 0, -1)),
                    JsonTypeInfo.of(RawEvent.class))
                .filter(r -> r.value() != null)
                .returns(JsonTypeInfo.of(RawEvent.class))
            : env.fromData(events, JsonTypeInfo.of(RawEvent.class));
    // a replay has no uploaded files: an empty rows stream keeps the graph the engine's
    DataStream<AugmentRow> noRows =
        env.fromData(List.of(new AugmentRow("", null)), JsonTypeInfo.of(AugmentRow.class))
            .filter(r -> !r.key().isEmpty())
            .returns(JsonTypeInfo.of(AugmentRow.class));
    CxEngageJob.Outputs outputs =
        CxEngageJob.build(
            eventStream, configStream, noRows, JobOptions.replay(), DispatchSettings.replayOnly());
    DataStream<String> all =
        outputs
            .reactions()
            .map(r -> "R" + Json.write(r))
            .returns(Types.STRING)
            .union(outputs.deadLetters().map(d -> "D" + Json.write(d)).returns(Types.STRING));
    List<ReactionRecord> reactions = new ArrayList<>();
    List<DeadLetterRecord> dead = new ArrayList<>();
    try (CloseableIterator<String> it = all.executeAndCollect("cxengage replay")) {
      while (it.hasNext()) {
        String s = it.next();
        if (s.charAt(0) == 'R') {
          reactions.add(Json.read(s.substring(1), ReactionRecord.class));
        } else {
          dead.add(Json.read(s.substring(1), DeadLetterRecord.class));
        }
      }
    }
    return new Result(reactions, dead);
  }

  static ConfigUpdate update(ConfigKey key, Object doc, long offset) {
    return new ConfigUpdate(
        key.toString(), new String(Json.writeBytes(doc), StandardCharsets.UTF_8), offset);
  }
}
