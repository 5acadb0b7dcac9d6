package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.ApiClient.Response;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Replays every request of the original API document ({@code shared/seed/cxengage-api.md}) with its
 * own bodies (test resources {@code seed/}) and paths (with and without {@code /1.0}, as written),
 * against a real server on the in-process broker, in the document's order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedDocumentITCase {

  private static final String T = "userevents";
  private static TestInstallation installation;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    installation = new TestInstallation();
    AdminApi server = installation.start();
    ApiClient admin = installation.admin(server);
    assertThat(
            admin
                .post("/1.0/tenants", "{\"id\": \"userevents\", \"name\": \"User Events\"}")
                .status())
        .isEqualTo(201);
    Response user =
        admin.post(
            "/1.0/users",
            "{\"email\": \"dev@userevents.com\", \"name\": \"Dev\", \"tenants\": [\"userevents\"]}");
    assertThat(user.status()).isEqualTo(201);
    api =
        admin.withToken(
            admin.token(
                user.json().get("client-id").asText(), user.json().get("client-secret").asText()));
  }

  @AfterAll
  static void stop() {
    installation.close();
  }

  @Test
  @Order(1)
  void tenants() {
    Response r = api.get("/1.0/tenants/" + T);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("id").asText()).isEqualTo(T);
    assertThat(r.json().get("name").asText()).isEqualTo("User Events");
  }

  @Test
  @Order(2)
  void keyAttribute() {
    Response versioned = api.get("/1.0/tenants/" + T + "/key-attribute");
    assertThat(versioned.status()).isEqualTo(200);
    assertThat(versioned.json()).isEqualTo(Json.tree("{\"key\": \"id\"}"));
    assertThat(api.get("/tenants/" + T + "/key-attribute").json().get("key").asText())
        .isEqualTo("id");

    Response set = api.post("/tenants/" + T + "/key-attribute", "{\"key\" : \"username\"}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json()).isEqualTo(Json.tree("{\"key\": \"username\"}"));
    assertThat(api.get("/1.0/tenants/" + T + "/key-attribute").json().get("key").asText())
        .isEqualTo("username");
  }

  @Test
  @Order(3)
  void patterns() {
    assertThat(api.get("/1.0/tenants/" + T + "/patterns").json()).isEmpty();

    Response created = api.post("/1.0/tenants/" + T + "/patterns", seed("pattern-create.json"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("id").asText()).isEqualTo("PT1");
    assertFields(created.json(), seed("pattern-create.json"));

    Response curl = api.post("/1.0/tenants/" + T + "/patterns", seed("pattern-create-curl.json"));
    assertThat(curl.status()).isEqualTo(201);
    assertThat(curl.json().get("id").asText()).isEqualTo("PT2");
    assertFields(curl.json(), seed("pattern-create-curl.json"));

    // the document's listing (loyalty) and the pattern its PUT example changes, as PT3..PT5
    ObjectNode loyalty =
        Json.mapper()
            .createObjectNode()
            .put("name", "Loyalty Pattern")
            .put("description", "Loyalty Pattern for Gold customers")
            .put("status", true)
            .put(
                "then",
                "(par (send echo message {:message \"We should probably call the customer\"}) \n"
                    + "                 (send echo message {:message \"We should probably call the"
                    + " customer now \"}))")
            .put(
                "when",
                "(within 1 minutes (allOf (count 4 (event (and (= customerSegment \"Gold\") \n"
                    + "  (= eventType \"flcheck\")))) \n"
                    + "  (event (and (= customerSegment \"Gold\") \n"
                    + "  (= eventType \"cnclTicket\")))))");
    for (int i = 0; i < 2; i++) {
      Response r = api.post("/1.0/tenants/" + T + "/patterns", loyalty.toString());
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
    Response pt5 =
        api.post(
            "/1.0/tenants/" + T + "/patterns",
            "{\"name\": \"Updated Pattern\", \"status\": true,"
                + " \"when\": \"(event (or (= username \\\"cxengage\\\")))\","
                + " \"then\": \"(send echo message {})\"}");
    assertThat(pt5.json().get("id").asText()).isEqualTo("PT5");

    Response list = api.get("/1.0/tenants/" + T + "/patterns");
    assertThat(list.status()).isEqualTo(200);
    assertThat(ids(list.json())).containsExactly("PT1", "PT2", "PT3", "PT4", "PT5");
    assertThat(api.get("/tenants/" + T + "/patterns").json()).isEqualTo(list.json());
    Response one = api.get("/1.0/tenants/" + T + "/patterns/PT1");
    assertThat(one.status()).isEqualTo(200);
    assertFields(one.json(), seed("pattern-create.json"));

    Response put = api.put("/1.0/tenants/userevents/patterns/PT5", seed("pattern-update-PT5.json"));
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json())
        .isEqualTo(
            Json.tree(
                "{\"id\":\"PT5\",\"then\":\"(send sendgrid email {:to *email*, :subject \\\"Welcome"
                    + " to a wonderful put experience\\\"})\",\"when\":\"(event (or (= username"
                    + " \\\"cxengage\\\")))\",\"status\":true,\"name\":\"Updated Pattern\"}"));
  }

  @Test
  @Order(4)
  void templates() {
    assertThat(api.get("/1.0/tenants/" + T + "/templates/TM1").status()).isEqualTo(404);
    Response created = api.post("/1.0/tenants/" + T + "/templates", seed("template-create.json"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("id").asText()).isEqualTo("TM1");
    assertFields(created.json(), seed("template-create.json"));

    Response curl =
        api.post("/1.0/tenants/userevents/templates", seed("template-create-curl.json"));
    assertThat(curl.status()).isEqualTo(201);
    assertThat(curl.json().get("id").asText()).isEqualTo("TM2");

    assertFields(
        api.get("/1.0/tenants/" + T + "/templates/TM1").json(), seed("template-create.json"));
    assertThat(api.get("/tenants/" + T + "/templates/TM1").status()).isEqualTo(200);

    Response put = api.put("/1.0/tenants/" + T + "/templates/TM1", "{\"name\":\"Test Template\"}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("name").asText()).isEqualTo("Test Template");
    assertThat(put.json().get("description").asText()).isEqualTo("SMS apologizing to customer");
    assertThat(
            api.put("/1.0/tenants/" + T + "/templates/TM1", seed("template-update.json")).status())
        .isEqualTo(200);

    assertThat(api.delete("/tenants/" + T + "/templates/TM1").status()).isEqualTo(204);
    assertThat(api.get("/1.0/tenants/" + T + "/templates/TM1").status()).isEqualTo(404);
    assertThat(api.delete("/1.0/tenants/" + T + "/templates/TM1").status()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void listeners() {
    assertThat(api.get("/1.0/tenants/" + T + "/listeners").json()).isEmpty();
    Response salesforce =
        api.post("/1.0/tenants/" + T + "/listeners", seed("listener-salesforce.json"));
    assertThat(salesforce.status()).isEqualTo(201);
    assertThat(salesforce.json().get("id").asText()).isEqualTo("LI1");
    assertFields(salesforce.json(), seed("listener-salesforce.json"));
    Response curl = api.post("/tenants/" + T + "/listeners", seed("listener-salesforce-curl.json"));
    assertThat(curl.status()).isEqualTo(201);
    Response datasift =
        api.post("/1.0/tenants/" + T + "/listeners", seed("listener-datasift.json"));
    assertThat(datasift.status()).isEqualTo(201);
    assertFields(datasift.json(), seed("listener-datasift.json"));
    Response datasiftCurl =
        api.post("/tenants/" + T + "/listeners", seed("listener-datasift-curl.json"));
    assertThat(datasiftCurl.status()).isEqualTo(201);
    assertThat(datasiftCurl.json().get("id").asText()).isEqualTo("LI4");

    Response list = api.get("/1.0/tenants/" + T + "/listeners");
    assertThat(ids(list.json())).containsExactly("LI1", "LI2", "LI3", "LI4");
    assertThat(api.get("/tenants/" + T + "/listeners").json()).isEqualTo(list.json());
    Response li1 = api.get("/tenants/" + T + "/listeners/LI1");
    assertFields(li1.json(), seed("listener-salesforce.json"));

    Response put = api.put("/tenants/" + T + "/listeners/LI1", seed("listener-update.json"));
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("name").asText()).isEqualTo("Updated Name for listener");
    assertThat(put.json().get("topic").asText()).isEqualTo("CxDemo_0720v2");
    assertThat(put.json().get("version").asText()).isEqualTo("26.0");

    Response status = api.get("/1.0/tenants/" + T + "/listeners/LI1/status");
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().get("status").asText()).isEqualTo("stopped");

    assertThat(api.delete("/1.0/tenants/" + T + "/listeners/LI54").status()).isEqualTo(404);
    assertThat(api.delete("/tenants/" + T + "/listeners/LI4").status()).isEqualTo(204);
    assertThat(api.get("/tenants/" + T + "/listeners/LI4").status()).isEqualTo(404);
  }

  @Test
  @Order(6)
  void integrations() throws Exception {
    assertThat(api.get("/1.0/tenants/" + T + "/integrations").json().findValuesAsText("id"))
        .containsExactlyInAnyOrder("echo", "generic");
    for (String type : List.of("salesforce", "twilio", "sendgrid", "datasift", "pusher")) {
      Response created =
          api.post("/1.0/tenants/" + T + "/" + type, seed("integration-" + type + ".json"));
      assertThat(created.status()).as(type).isEqualTo(201);
      assertFields(created.json(), seed("integration-" + type + ".json"));
      Response curl =
          api.post(
              "/1.0/tenants/" + T + "/integrations/" + type,
              seed("integration-" + type + "-curl.json"));
      assertThat(curl.status()).as(type + " curl: " + curl).isEqualTo(201);
    }
    Response salesforce = api.get("/1.0/tenants/" + T + "/integrations/salesforce");
    assertThat(salesforce.status()).isEqualTo(200);
    assertThat(salesforce.json().get("username").asText()).isEqualTo("email@userevents.com");
    assertThat(salesforce.json().get("consumer-key").asText()).isEqualTo("consumerkey");
    for (String secret : List.of("password", "consumer-secret", "secret-token")) {
      assertThat(salesforce.json().get(secret).asText()).isEqualTo("********");
    }
    Response twilio = api.get("/tenants/" + T + "/integrations/twilio");
    assertThat(twilio.json().get("account").asText()).isEqualTo("SID");
    assertThat(twilio.json().get("password").asText()).isEqualTo("********");

    Response list = api.get("/1.0/tenants/" + T + "/integrations");
    assertThat(list.json().findValuesAsText("id"))
        .containsExactlyInAnyOrder(
            "salesforce", "twilio", "sendgrid", "datasift", "pusher", "echo", "generic");
    assertThat(list.body())
        .doesNotContain("\"Token\"", "\"consumersecret\"", "api-key\":\"api-key");

    String stored = configValue(T + "/integration/salesforce");
    assertThat(stored).contains("\"password\":\"enc:v1:").doesNotContain("consumersecret");
  }

  @Test
  @Order(7)
  void augments() {
    assertThat(api.get("/1.0/tenants/" + T + "/augments").json()).isEmpty();
    Response apiAugment = api.post("/1.0/tenants/" + T + "/augments", seed("augment-api.json"));
    assertThat(apiAugment.status()).isEqualTo(201);
    assertThat(apiAugment.json().get("id").asText()).isEqualTo("AU1");
    assertFields(apiAugment.json(), seed("augment-api.json"));
    Response apiCurl = api.post("/tenants/" + T + "/augment", seed("augment-api-curl.json"));
    assertThat(apiCurl.status()).isEqualTo(201);
    assertThat(apiCurl.json().get("id").asText()).isEqualTo("AU2");
    Response file = api.post("/1.0/tenants/" + T + "/augments", seed("augment-file.json"));
    assertThat(file.status()).isEqualTo(201);
    assertFields(file.json(), seed("augment-file.json"));
    Response fileCurl = api.post("/tenants/" + T + "/augment", seed("augment-file-curl.json"));
    assertThat(fileCurl.status()).isEqualTo(201);
    assertThat(fileCurl.json().get("id").asText()).isEqualTo("AU4");

    Response list = api.get("/tenants/" + T + "/augments");
    assertThat(ids(list.json())).containsExactly("AU1", "AU2", "AU3", "AU4");
    assertThat(api.get("/1.0/tenants/" + T + "/augments").json()).isEqualTo(list.json());
    Response one = api.get("/tenants/" + T + "/augments/AU1");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("options").get("url").asText()).isEqualTo("hostname");

    Response upload =
        api.send(
            api.request("/1.0/tenants/userevents/augments/AU1/file")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(seed("file.csv"))));
    assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
    assertThat(upload.json()).isEqualTo(Json.tree("{\"rows\": 2, \"rejected\": []}"));
    Response csv = api.get("/1.0/tenants/userevents/augments/AU1/file");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body().lines().toList())
        .containsExactly(
            "username,email", "ryan,support@userevents.com", "bob,admin@userevents.com");
  }

  @Test
  @Order(8)
  void ticket() {
    Response ticket = api.post("/1.0/tenants/" + T + "/ticket", "");
    assertThat(ticket.status()).isEqualTo(200);
    assertThat(ticket.json().get("ticket").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  /** Every field of the request body comes back with the same value (ids are allocated). */
  private static void assertFields(JsonNode answer, String requestBody) {
    JsonNode sent = Json.tree(requestBody);
    sent.fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("id")) {
                assertThat(answer.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
              }
            });
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  static String seed(String name) {
    try (InputStream in = SeedDocumentITCase.class.getResourceAsStream("/seed/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String configValue(String key) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, installation.broker().bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition config = new TopicPartition(installation.topics().config(), 0);
      consumer.assign(List.of(config));
      consumer.seekToBeginning(List.of(config));
      long end = consumer.endOffsets(List.of(config)).get(config);
      String value = null;
      while (consumer.position(config) < end) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(record.key())) {
            value = record.value();
          }
        }
      }
      return value;
    }
  }
}
