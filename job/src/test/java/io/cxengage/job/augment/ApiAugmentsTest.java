package io.cxengage.job.augment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.RoutedEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ApiAugments} against a real HTTP server on 127.0.0.1 (allow-listed). */
class ApiAugmentsTest {

  private HttpServer server;
  private final Map<String, AtomicInteger> callsByKey = new ConcurrentHashMap<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger called = new AtomicInteger();
  private final AtomicInteger cached = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private ApiAugments augments;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/segment", this::segment);
    server.createContext("/slow", e -> sleepThenAnswer(e));
    server.createContext("/broken", e -> reply(e, 500, "{\"error\":\"boom\"}"));
    server.start();
    augments =
        new ApiAugments(
            new AugmentSettings(
                Duration.ofMillis(500), Duration.ofMinutes(5), 100, 10, List.of(), List.of()),
            new UrlPolicy(
                List.of("127.0.0.1"),
                List.of(),
                host -> new java.net.InetAddress[] {java.net.InetAddress.getByName(host)},
                List.of()),
            new ApiAugments.Counters() {
              @Override
              public void called() {
                called.incrementAndGet();
              }

              @Override
              public void cached() {
                cached.incrementAndGet();
              }

              @Override
              public void failed() {
                failed.incrementAndGet();
              }
            },
            Ticker.systemTicker());
  }

  @AfterEach
  void stop() {
    augments.close();
    server.stop(0);
  }

  private void segment(HttpExchange e) throws IOException {
    JsonNode body =
        Json.tree(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    requests.add(body);
    String key = body.path("key-attr").asText();
    callsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    reply(
        e,
        200,
        "{\"key-attr\":\""
            + key
            + "\",\"attributes\":{\"segment\":\"gold\",\"phone\":\"+1555\",\"user\":\"nobody\"}}");
  }

  private static void sleepThenAnswer(HttpExchange e) throws IOException {
    try {
      Thread.sleep(3000);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    reply(e, 200, "{\"attributes\":{\"segment\":\"late\"}}");
  }

  private static void reply(HttpExchange e, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.sendResponseHeaders(status, bytes.length);
    e.getResponseBody().write(bytes);
    e.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static AugmentSubject event(String user, AugmentPlan.ApiCall... calls) {
    return AugmentSubject.of(
        new RoutedEvent(
            "t",
            user,
            new CustomerEvent(
                "0:1",
                1000,
                (ObjectNode) Json.tree("{\"user\":\"" + user + "\",\"type\":\"visit\"}")),
            -1),
        new AugmentPlan(false, List.of(), List.of(calls)));
  }

  @Test
  void anAnswerEnrichesTheEventWithTheAttributesItMayMerge() {
    AugmentSubject out =
        augments
            .apply(
                event(
                    "ann",
                    new AugmentPlan.ApiCall("AU1", url("/segment"), List.of("segment", "user"))))
            .join();
    assertThat(out.toEvent().event().attributes())
        .isEqualTo(Json.tree("{\"user\":\"nobody\",\"type\":\"visit\",\"segment\":\"gold\"}"));
    assertThat(requests)
        .singleElement()
        .isEqualTo(
            Json.tree(
                "{\"key-attr\":\"ann\",\"attributes\":{\"user\":\"ann\",\"type\":\"visit\"}}"));
  }

  @Test
  void repeatedSubjectsOfOneKeyAreAnsweredFromTheCache() {
    AugmentPlan.ApiCall call = new AugmentPlan.ApiCall("AU1", url("/segment"), null);
    for (int i = 0; i < 5; i++) {
      assertThat(augments.apply(event("ann", call)).join().merged().path("segment").asText())
          .isEqualTo("gold");
    }
    augments.apply(event("bob", call)).join();
    assertThat(callsByKey.get("ann")).hasValue(1);
    assertThat(callsByKey.get("bob")).hasValue(1);
    assertThat(called).hasValue(2);
    assertThat(cached).hasValue(4);
    assertThat(failed).hasValue(0);
  }

  @Test
  void aSlowABrokenOrARefusedAugmentLetsTheEventThroughUnchanged() {
    AugmentSubject slow = event("ann", new AugmentPlan.ApiCall("AU1", url("/slow"), null));
    long start = System.nanoTime();
    assertThat(augments.apply(slow).join().toEvent()).isEqualTo(slow.event());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));

    AugmentSubject broken = event("ann", new AugmentPlan.ApiCall("AU2", url("/broken"), null));
    assertThat(augments.apply(broken).join().toEvent()).isEqualTo(broken.event());

    AugmentSubject refused =
        event(
            "ann",
            new AugmentPlan.ApiCall(
                "AU3", url("/segment").replace("127.0.0.1", "127.0.0.2"), null));
    assertThat(augments.apply(refused).join().toEvent()).isEqualTo(refused.event());
    assertThat(requests).as("the refused URL was never called").isEmpty();
    assertThat(failed).hasValue(3);
  }

  @Test
  void oneFailingAugmentDoesNotCostTheOthersTheirAnswers() {
    AugmentSubject out =
        augments
            .apply(
                event(
                    "ann",
                    new AugmentPlan.ApiCall("AU1", url("/broken"), null),
                    new AugmentPlan.ApiCall("AU2", url("/segment"), List.of("segment"))))
            .join();
    assertThat(out.merged()).isEqualTo(Json.tree("{\"segment\":\"gold\"}"));
    assertThat(failed).hasValue(1);
  }

  @Test
  void failureReasonsNameTheProblemAndNothingElse() {
    assertThat(
            ApiAugments.reason(
                new java.util.concurrent.CompletionException(new java.net.ConnectException("x"))))
        .isEqualTo("the connection was refused or could not be made");
    assertThat(ApiAugments.reason(new java.util.concurrent.TimeoutException()))
        .isEqualTo("no answer within the time limit");
    assertThat(ApiAugments.reason(new AugmentFailure("the augment answered 500, not 200")))
        .isEqualTo("the augment answered 500, not 200");
  }
}
