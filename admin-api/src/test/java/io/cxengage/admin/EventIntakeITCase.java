package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.admin.ApiClient.Response;
import io.cxengage.connectors.json.Json;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Event intake: single and batch, validation, durability in cx.events, rate limit. */
class EventIntakeITCase {

  private static TestInstallation installation;
  private static ApiClient admin;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    installation = new TestInstallation();
    AdminApi server = installation.start();
    admin = installation.admin(server);
    assertThat(admin.post("/1.0/tenants", "{\"id\": \"shop\", \"name\": \"Shop\"}").status())
        .isEqualTo(201);
    assertThat(
            admin
                .post(
                    "/1.0/tenants",
                    "{\"id\": \"slow\", \"name\": \"Slow\", \"events-per-second\": 5}")
                .status())
        .isEqualTo(201);
    api = admin;
  }

  @AfterAll
  static void stop() {
    installation.close();
  }

  @Test
  void aSingleEventIsInKafkaBeforeTheAnswer() {
    Response r =
        api.post("/1.0/tenants/shop/event", "{\"id\": \"c42\", \"type\": \"cart\", \"n\": 1.5}");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("id").asText()).matches("EV\\d+-\\d+");
    assertThat(r.json().get("key-attr").asText()).isEqualTo("c42");
    assertThat(r.json().get("event"))
        .isEqualTo(Json.tree("{\"id\": \"c42\", \"type\": \"cart\", \"n\": 1.5}"));

    String[] partitionOffset = r.json().get("id").asText().substring(2).split("-");
    ConsumerRecord<String, String> stored =
        KafkaTopics.readAll(
                installation.broker().bootstrapServers(), installation.topics().events())
            .stream()
            .filter(
                rec ->
                    rec.partition() == Integer.parseInt(partitionOffset[0])
                        && rec.offset() == Long.parseLong(partitionOffset[1]))
            .findFirst()
            .orElseThrow();
    assertThat(stored.key()).isEqualTo("shop");
    assertThat(Json.tree(stored.value())).isEqualTo(r.json().get("event"));
  }

  @Test
  void aNumericKeyIsAcceptedAndOthersRefused() {
    assertThat(api.post("/tenants/shop/event", "{\"id\": 7}").json().get("key-attr").asText())
        .isEqualTo("7");
    Response missing = api.post("/tenants/shop/event", "{\"type\": \"x\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("field").asText()).isEqualTo("id");
    assertThat(missing.json().get("error").asText()).contains("key attribute 'id'");
    assertThat(api.post("/tenants/shop/event", "{\"id\": {\"a\": 1}}").status()).isEqualTo(400);
    assertThat(api.post("/tenants/shop/event", "{\"id\": true}").status()).isEqualTo(400);
    assertThat(api.post("/tenants/shop/event", "[{\"id\": \"1\"}]").status()).isEqualTo(400);
    assertThat(api.post("/tenants/shop/event", "{\"id\": ").status()).isEqualTo(400);
    String big = "{\"id\": \"1\", \"pad\": \"" + "x".repeat(17_000) + "\"}";
    assertThat(api.post("/tenants/shop/event", big).status()).isEqualTo(413);
    assertThat(api.send("POST", "/tenants/shop/event", "text/csv", "id\n1").status())
        .isEqualTo(415);
  }

  @Test
  void theTenantsKeyAttributeDecides() {
    assertThat(api.post("/1.0/tenants/slow/key-attribute", "{\"key\": \"username\"}").status())
        .isEqualTo(200);
    Response r = api.post("/1.0/tenants/slow/event", "{\"username\": \"ann\"}");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("key-attr").asText()).isEqualTo("ann");
    assertThat(api.post("/1.0/tenants/slow/event", "{\"id\": \"ann\"}").status()).isEqualTo(400);
    api.post("/1.0/tenants/slow/key-attribute", "{\"key\": \"id\"}");
  }

  @Test
  void aBatchAcceptsTheValidEventsAndReportsTheOthers() {
    Response r =
        api.post(
            "/1.0/tenants/shop/events",
            "[{\"id\": \"a\"}, {\"type\": \"no key\"}, 5, {\"id\": \"b\", \"x\": [1, 2]}]");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
    JsonNode rejected = r.json().get("rejected");
    assertThat(rejected.findValuesAsText("index")).containsExactly("1", "2");
    assertThat(rejected.get(0).get("error").asText()).contains("key attribute 'id'");
  }

  @Test
  void aBatchMayBeNewlineDelimited() {
    long before = countFor("ndjson-");
    String body =
        "{\"id\": \"ndjson-1\"}\n\n{\"id\": \"ndjson-2\"}\n{broken\n{\"id\": \"ndjson-3\"}\n";
    Response r = api.send("POST", "/tenants/shop/events", "application/x-ndjson", body);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(3);
    assertThat(r.json().get("rejected").get(0).get("index").asInt()).isEqualTo(2);
    assertThat(countFor("ndjson-") - before).isEqualTo(3);
  }

  @Test
  void aBatchOverTheLimitIsRefused() {
    String body =
        IntStream.range(0, 10_001)
            .mapToObj(i -> "{\"id\":" + i + "}")
            .collect(Collectors.joining(",", "[", "]"));
    Response r = api.post("/1.0/tenants/shop/events", body);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("error").asText()).contains("10000");
    assertThat(api.post("/1.0/tenants/shop/events", "[{\"id\": 1}").status()).isEqualTo(400);
  }

  @Test
  void overTheTenantsRateLimitAnswers429WithRetryAfter() {
    String five = "[{\"id\":1},{\"id\":2},{\"id\":3},{\"id\":4},{\"id\":5},{\"id\":6}]";
    assertThat(api.post("/1.0/tenants/slow/events", five).status()).isEqualTo(202);
    Response limited = api.post("/1.0/tenants/slow/event", "{\"id\": \"over\"}");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
    assertThat(limited.json().get("error").asText()).contains("rate limit of 5 events per second");
    // another tenant is not affected
    assertThat(api.post("/1.0/tenants/shop/event", "{\"id\": \"fine\"}").status()).isEqualTo(202);
  }

  private static long countFor(String prefix) {
    List<ConsumerRecord<String, String>> all =
        KafkaTopics.readAll(
            installation.broker().bootstrapServers(), installation.topics().events());
    return all.stream().filter(r -> r.value().contains("\"" + prefix)).count();
  }
}
