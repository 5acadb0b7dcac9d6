package io.cxengage.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cxengage.connectors.config.AugmentDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API augments end to end against a local HTTP server (allow-listed, as it listens on 127.0.0.1):
 * an engine augment enriches events before matching and its cache saves repeated calls; a slow,
 * failing or garbled answer lets the event through unchanged, counted in {@code
 * augmentApiFailures}; a notification augment fills the reaction context.
 */
class AugmentApiITCase {

  static KafkaFixture kafka;
  static HttpServer server;
  static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  static final CountDownLatch testOver = new CountDownLatch(1);
  @TempDir static Path tmp;
  private static final AtomicInteger seq = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    kafka = new KafkaFixture();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/segment", AugmentApiITCase::segment);
    server.createContext("/contact", AugmentApiITCase::contact);
    server.start();
  }

  @AfterAll
  static void stop() {
    testOver.countDown();
    server.stop(0);
    kafka.close();
  }

  /**
   * Gold for everyone, but "slow" is answered only once the test is over (long after the job's time
   * limit), "broken" with a 500 and "garbled" with a 200 that is not the expected shape.
   */
  private static void segment(HttpExchange e) throws IOException {
    JsonNode request =
        Json.tree(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String key = request.path("key-attr").asText();
    calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    if (key.startsWith("slow")) {
      try {
        testOver.await();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
    if (key.startsWith("broken")) {
      reply(e, 500, "{\"error\":\"down\"}");
      return;
    }
    if (key.startsWith("garbled")) {
      reply(e, 200, "{\"key-attr\":\"" + key + "\",\"attributes\":[\"segment\",\"gold\"]}");
      return;
    }
    reply(
        e,
        200,
        "{\"key-attr\":\"" + key + "\",\"attributes\":{\"segment\":\"gold\",\"ignored\":\"x\"}}");
  }

  private static void contact(HttpExchange e) throws IOException {
    JsonNode request =
        Json.tree(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String key = request.path("key-attr").asText();
    reply(e, 200, "{\"key-attr\":\"" + key + "\",\"attributes\":{\"phone\":\"+1555" + key + "\"}}");
  }

  private static void reply(HttpExchange e, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.sendResponseHeaders(status, bytes.length);
    e.getResponseBody().write(bytes);
    e.close();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static String visit(String user, String type) throws Exception {
    String n = Integer.toString(seq.incrementAndGet());
    kafka.event(
        "web",
        "{\"user\":\""
            + user
            + "\",\"type\":\""
            + type
            + "\",\"seq\":\""
            + n
            + "\",\"timestamp\":"
            + System.currentTimeMillis()
            + "}");
    return n;
  }

  private static List<JsonNode> of(List<JsonNode> rs, String pattern, String seqNumber) {
    return rs.stream()
        .filter(
            r ->
                r.get("pattern").asText().equals(pattern)
                    && r.path("params").path("message").asText().equals(seqNumber))
        .toList();
  }

  private static long sum(Map<String, Metric> counters) {
    return counters.values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
  }

  @Test
  void apiAugmentsEnrichEventsFromTheirCacheAndNeverLoseAnEventWhenTheyFail() throws Exception {
    kafka.tenant("web", "user");
    kafka.augment(
        "web",
        new AugmentDocument(
            "AU1",
            "segments",
            "api",
            "engine",
            null,
            null,
            new AugmentDocument.Options(url("/segment"), List.of("segment")),
            1L));
    kafka.augment(
        "web",
        new AugmentDocument(
            "AU2",
            "contacts",
            "api",
            "notification",
            null,
            null,
            new AugmentDocument.Options(url("/contact"), null),
            1L));
    String echo = "(send echo message {:message *seq*})";
    kafka.pattern("web", "VISIT", "(event (= type \"visit\"))", echo, true);
    kafka.pattern(
        "web", "GOLD", "(event (and (= type \"visit\") (= segment \"gold\")))", echo, true);
    kafka.pattern("web", "IGNORED", "(event (= ignored \"x\"))", echo, true);
    kafka.pattern(
        "web",
        "CALL",
        "(event (= type \"call-me\"))",
        "(send echo message {:message *seq* :phone *phone*})",
        true);

    InMemoryReporter reporter = InMemoryReporter.create();
    JobSettings settings =
        JobSettings.from(
            new String[0],
            Map.of(
                "CX_KAFKA_BOOTSTRAP", kafka.broker.bootstrapServers(),
                "CX_PARALLELISM", "2",
                "CX_CHECKPOINT_INTERVAL", "500ms",
                "CX_STATE_BACKEND", "heap",
                "CX_CHECKPOINT_DIR", tmp.resolve("cp").toUri().toString(),
                "CX_AUGMENT_API_TIMEOUT", "1s",
                "CX_AUGMENT_API_ALLOW", "127.0.0.1"));
    Configuration conf = reporter.addToConfiguration(EngineJob.configuration(settings));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    EngineJob.define(env, settings);
    JobClient job = env.executeAsync("augment-api");
    try {
      // enriched: three visits of ann, one request for her
      List<String> visits =
          List.of(visit("ann", "visit"), visit("ann", "visit"), visit("ann", "visit"));
      List<JsonNode> rs =
          kafka.reactions(r -> visits.stream().allMatch(n -> !of(r, "GOLD", n).isEmpty()));
      for (String n : visits) {
        assertThat(of(rs, "GOLD", n)).hasSize(1);
        assertThat(of(rs, "VISIT", n)).hasSize(1);
      }
      assertThat(calls.get("ann")).as("the cache answered the later visits").hasValue(1);
      assertThat(rs).noneMatch(r -> r.get("pattern").asText().equals("IGNORED"));

      // failing (no answer in time, a 500, a bad answer): the visits go on unenriched, VISIT
      // fires and GOLD does not
      List<String> failing =
          List.of(visit("slow", "visit"), visit("broken", "visit"), visit("garbled", "visit"));
      rs = kafka.reactions(r -> failing.stream().allMatch(n -> !of(r, "VISIT", n).isEmpty()));
      for (String n : failing) {
        assertThat(of(rs, "VISIT", n)).hasSize(1);
        assertThat(of(rs, "GOLD", n)).isEmpty();
      }
      assertThat(calls.get("slow")).hasValue(1);
      assertThat(calls.get("broken")).hasValue(1);
      assertThat(calls.get("garbled")).hasValue(1);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (sum(reporter.findMetrics(job.getJobID(), "augmentApiFailures")) < 3
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(sum(reporter.findMetrics(job.getJobID(), "augmentApiFailures"))).isEqualTo(3);
      assertThat(sum(reporter.findMetrics(job.getJobID(), "augmentApiCacheHits")))
          .isGreaterThanOrEqualTo(2);

      // notification: the reaction context gets the phone the contacts API gives
      String call = visit("bob", "call-me");
      rs = kafka.reactions(r -> !of(r, "CALL", call).isEmpty());
      JsonNode reaction = of(rs, "CALL", call).get(0);
      assertThat(reaction.get("status").asText()).isEqualTo("sent");
      assertThat(reaction.get("params").get("phone").asText()).isEqualTo("+1555bob");
    } finally {
      job.cancel().get();
    }
  }
}
