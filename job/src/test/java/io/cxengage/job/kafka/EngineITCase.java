package io.cxengage.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine end to end on a real broker and a local Flink cluster (RocksDB, checkpoints): patterns
 * are added, matched, changed, disabled and deleted through cx.config while the job runs, reactions
 * come out on cx.reactions, and a stop-with-savepoint and restart keep a half-matched pattern's
 * progress.
 */
class EngineITCase {

  static KafkaFixture kafka;
  @TempDir static Path tmp;

  @BeforeAll
  static void startKafka() {
    kafka = new KafkaFixture();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  private JobClient submit(String savepoint) throws Exception {
    JobSettings settings =
        JobSettings.from(
            new String[0],
            Map.of(
                "CX_KAFKA_BOOTSTRAP", kafka.broker.bootstrapServers(),
                "CX_PARALLELISM", "2",
                "CX_CHECKPOINT_INTERVAL", "500ms",
                "CX_STATE_BACKEND", "rocksdb",
                "CX_CHECKPOINT_DIR", tmp.resolve("checkpoints").toUri().toString()));
    Configuration conf = EngineJob.configuration(settings);
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    EngineJob.define(env, settings);
    return env.executeAsync("cxengage-it");
  }

  private static void event(String key, String type) throws Exception {
    kafka.raw(
        "acme",
        "{\"user\":\""
            + key
            + "\",\"type\":\""
            + type
            + "\",\"timestamp\":"
            + System.currentTimeMillis()
            + "}");
  }

  private static List<JsonNode> reactions(Predicate<List<JsonNode>> done) {
    return kafka
        .awaitRecords(
            kafka.topics.reactions(), values -> done.test(parse(values)), Duration.ofSeconds(90))
        .stream()
        .map(Json::tree)
        .toList();
  }

  private static List<JsonNode> parse(List<String> values) {
    return values.stream().map(Json::tree).toList();
  }

  private static Predicate<List<JsonNode>> has(String pattern, String key) {
    return rs -> count(rs, pattern, key) > 0;
  }

  private static long count(List<JsonNode> rs, String pattern, String key) {
    return rs.stream()
        .filter(r -> r.get("pattern").asText().equals(pattern) && r.get("key").asText().equals(key))
        .count();
  }

  @Test
  void patternsChangeWhileTheJobRunsAndProgressSurvivesASavepoint() throws Exception {
    kafka.tenant("acme", "user");
    kafka.pattern(
        "acme",
        "SENTINEL",
        "(event (= type \"sentinel\"))",
        "(send echo message {:message \"seen\"})",
        true);
    kafka.pattern(
        "acme",
        "PT1",
        "(seq (event (= type \"A\")) (event (= type \"B\")))",
        "(send echo message {:message *type*})",
        true);
    JobClient job = submit(null);
    try {
      // matched: A then B
      event("k1", "A");
      event("k1", "B");
      List<JsonNode> rs = reactions(has("PT1", "k1"));
      assertThat(rs)
          .anySatisfy(
              r -> {
                assertThat(r.get("pattern").asText()).isEqualTo("PT1");
                assertThat(r.get("params").get("message").asText()).isEqualTo("B");
                assertThat(r.get("status").asText()).isEqualTo("sent");
              });

      // changed: a new when is a new version; A B no longer fires, A C does
      kafka.pattern(
          "acme",
          "PT1",
          "(seq (event (= type \"A\")) (event (= type \"C\")))",
          "(send echo message {:message *type*})",
          true);
      awaitApplied("k2", "C");
      event("k3", "A");
      event("k3", "B");
      event("k3", "C");
      rs = reactions(has("PT1", "k3"));
      assertThat(count(rs, "PT1", "k3")).isEqualTo(1);
      assertThat(rs)
          .anySatisfy(
              r -> {
                assertThat(r.get("key").asText()).isEqualTo("k3");
                assertThat(r.get("params").get("message").asText()).isEqualTo("C");
              });

      // disabled: nothing fires, and the sentinel after it proves the events were processed
      kafka.pattern(
          "acme",
          "PT1",
          "(seq (event (= type \"A\")) (event (= type \"C\")))",
          "(send echo message {:message *type*})",
          false);
      awaitDisabled("k4");
      // deleted: likewise
      kafka.pattern(
          "acme",
          "PT1",
          "(seq (event (= type \"A\")) (event (= type \"C\")))",
          "(send echo message {:message *type*})",
          true);
      awaitApplied("k5", "C");
      kafka.deletePattern("acme", "PT1");
      awaitDisabled("k6");

      // half a match, then stop with a savepoint
      kafka.pattern(
          "acme",
          "PT2",
          "(seq (event (= type \"X\")) (event (= type \"Y\")))",
          "(send echo message {:message \"xy\"})",
          true);
      awaitAppliedPair("k7", "X", "Y", "PT2");
      event("k8", "X");
      event("k8", "sentinel");
      reactions(has("SENTINEL", "k8"));
      String savepoint =
          job.stopWithSavepoint(
                  false,
                  tmp.resolve("savepoints").toUri().toString(),
                  SavepointFormatType.CANONICAL)
              .get();
      job = submit(savepoint);
      event("k8", "Y");
      rs = reactions(has("PT2", "k8"));
      assertThat(count(rs, "PT2", "k8")).isEqualTo(1);
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void everyKindOfUnusableRecordEndsInTheDeadLetterTopic() throws Exception {
    kafka.tenant("dl", "user");
    kafka.pattern("dl", "PING", "(event (= type \"ping\"))", "(send echo message {})", true);
    JobClient job = submit(null);
    try {
      long now = System.currentTimeMillis();
      List<String[]> bad =
          List.of(
              new String[] {"dl", "{oops", "not JSON"},
              new String[] {"dl", "[1, 2]", "not an object"},
              new String[] {
                "dl", "{\"user\":\"u\",\"pad\":\"" + "x".repeat(17_000) + "\"}", "too large"
              },
              new String[] {null, "{\"user\":\"u\",\"type\":\"ping\"}", "no tenant"},
              new String[] {"nobody", "{\"user\":\"u\",\"type\":\"ping\"}", "unknown tenant"},
              new String[] {"dl", "{\"type\":\"ping\"}", "no key attribute"},
              new String[] {"dl", "{\"user\":{\"a\":1},\"type\":\"ping\"}", "bad key attribute"},
              new String[] {"dl", "{\"user\":\"u\",\"timestamp\":\"yesterday\"}", "bad timestamp"},
              new String[] {
                "dl",
                "{\"user\":\"u\",\"type\":\"ping\",\"timestamp\":" + (now - 60_000) + "}",
                "late"
              });
      // a good event first, so the late one is older than the newest time seen
      kafka.raw("dl", "{\"user\":\"g0\",\"type\":\"ping\",\"timestamp\":" + now + "}");
      for (String[] b : bad) {
        kafka.raw(b[0], b[1]);
      }
      for (int i = 1; i <= 3; i++) {
        kafka.raw(
            "dl", "{\"user\":\"g" + i + "\",\"type\":\"ping\",\"timestamp\":" + (now + i) + "}");
      }
      List<JsonNode> dead =
          kafka
              .awaitRecords(
                  kafka.topics.deadletter(), v -> v.size() >= bad.size(), Duration.ofSeconds(90))
              .stream()
              .map(Json::tree)
              .toList();
      assertThat(dead).hasSize(bad.size());
      for (String[] b : bad) {
        assertThat(dead)
            .as("a dead letter for %s", b[2])
            .anySatisfy(d -> assertThat(d.get("reason").asText()).startsWith(b[2]));
      }
      assertThat(dead)
          .allSatisfy(
              d -> {
                assertThat(d.get("stage").asText()).isIn("parse", "time", "route");
                assertThat(d.has("original")).isTrue();
              });
      List<JsonNode> pings =
          reactions(
              rs -> rs.stream().filter(r -> r.get("pattern").asText().equals("PING")).count() >= 4);
      assertThat(
              pings.stream()
                  .filter(r -> r.get("pattern").asText().equals("PING"))
                  .map(r -> r.get("key").asText()))
          .containsExactlyInAnyOrder("g0", "g1", "g2", "g3");
    } finally {
      job.cancel().get();
    }
  }

  /** Sends A then {@code second} for a fresh key until PT1 fires for it: the change is applied. */
  private void awaitApplied(String key, String second) throws Exception {
    awaitAppliedPair(key, "A", second, "PT1");
  }

  private void awaitAppliedPair(String key, String first, String second, String pattern)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    for (int i = 0; System.nanoTime() < deadline; i++) {
      String k = key + "-" + i;
      event(k, first);
      event(k, second);
      event(k, "sentinel");
      List<JsonNode> rs = reactions(has("SENTINEL", k));
      if (count(rs, pattern, k) > 0) {
        return;
      }
    }
    throw new AssertionError(pattern + " never fired for " + key);
  }

  /** A then C for a fresh key, then the sentinel: once the sentinel fired, PT1 must not have. */
  private void awaitDisabled(String key) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    for (int i = 0; System.nanoTime() < deadline; i++) {
      String k = key + "-" + i;
      event(k, "A");
      event(k, "C");
      event(k, "sentinel");
      List<JsonNode> rs = reactions(has("SENTINEL", k));
      if (count(rs, "PT1", k) == 0) {
        return;
      }
    }
    throw new AssertionError("PT1 still fires for " + key);
  }
}
