package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.admin.ApiClient.Response;
import io.cxengage.connectors.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generic listener's webhook: a record posted with the listener's secret or a tenant token is
 * mapped to an event on cx.events; a record without the key attribute is refused and dead-lettered.
 */
class ListenerHookITCase {

  private static TestInstallation installation;
  private static ApiClient admin;
  private static ApiClient anonymous;
  private static String secret;

  @BeforeAll
  static void start() {
    installation = new TestInstallation();
    AdminApi server = installation.start();
    admin = installation.admin(server);
    anonymous = admin.withToken(null);
    assertThat(admin.post("/1.0/tenants", "{\"id\": \"hooks\", \"name\": \"Hooks\"}").status())
        .isEqualTo(201);
    assertThat(admin.post("/1.0/tenants", "{\"id\": \"other\", \"name\": \"Other\"}").status())
        .isEqualTo(201);
    admin.post("/1.0/tenants/hooks/key-attribute", "{\"key\": \"customer\"}");
    Response created =
        admin.post(
            "/1.0/tenants/hooks/listeners",
            "{\"name\": \"shop webhook\", \"type\": \"generic\", \"status\": true,"
                + " \"mapping\": {\"customer\": \"order.customer.id\", \"total\": \"order.total\","
                + " \"sku\": \"order.lines.0.sku\"}}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("id").asText()).isEqualTo("LI1");
    secret = created.json().get("secret").asText();
  }

  @AfterAll
  static void stop() {
    installation.close();
  }

  private static Response hook(String path, String header, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(anonymous.base() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (header != null) {
      request.header("X-Listener-Secret", header);
    }
    return anonymous.send(request);
  }

  private static String order(String customer, int total) {
    return "{\"order\": {\"customer\": {\"id\": \""
        + customer
        + "\"}, \"total\": "
        + total
        + ", \"lines\": [{\"sku\": \"A-1\"}]}, \"ignored\": true}";
  }

  private static List<JsonNode> recordsOf(String topic, String tenant) {
    return KafkaTopics.readAll(installation.broker().bootstrapServers(), topic).stream()
        .filter(r -> tenant.equals(r.key()))
        .map(ConsumerRecord::value)
        .map(Json::tree)
        .toList();
  }

  @Test
  void theListenersSecretPostsAMappedEventToCxEvents() {
    Response r = hook("/1.0/tenants/hooks/listeners/LI1/hook", secret, order("c-1", 40));

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("key-attr").asText()).isEqualTo("c-1");
    JsonNode expected =
        Json.tree("{\"listener\":\"LI1\",\"customer\":\"c-1\",\"total\":40,\"sku\":\"A-1\"}");
    assertThat(r.json().get("event")).isEqualTo(expected);
    assertThat(recordsOf(installation.topics().events(), "hooks")).contains(expected);
  }

  @Test
  void aTenantsBearerTokenIsAcceptedToo() {
    Response r = admin.post("/tenants/hooks/listeners/LI1/hook", order("c-2", 7));

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("event").get("customer").asText()).isEqualTo("c-2");
  }

  @Test
  void aWrongOrMissingSecretIsRefused() {
    Response wrong = hook("/1.0/tenants/hooks/listeners/LI1/hook", "not-the-secret", order("x", 1));
    Response none = hook("/1.0/tenants/hooks/listeners/LI1/hook", null, order("x", 1));
    Response unknownListener = hook("/1.0/tenants/hooks/listeners/LI9/hook", secret, order("x", 1));

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("error").asText())
        .isEqualTo("the X-Listener-Secret header does not hold listener LI1's secret");
    assertThat(none.status()).isEqualTo(401);
    assertThat(unknownListener.status()).isEqualTo(401);
  }

  @Test
  void anotherTenantsTokenIsForbiddenAndAnUnknownListenerIsNotFound() {
    Response user =
        admin.post("/1.0/users", "{\"email\": \"o@other.example\", \"tenants\": [\"other\"]}");
    ApiClient other =
        anonymous.withToken(
            anonymous.token(
                user.json().get("client-id").asText(), user.json().get("client-secret").asText()));

    assertThat(other.post("/1.0/tenants/hooks/listeners/LI1/hook", order("x", 1)).status())
        .isEqualTo(403);
    Response unknown = admin.post("/1.0/tenants/hooks/listeners/LI9/hook", order("x", 1));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asText())
        .isEqualTo("listener LI9 does not exist in tenant hooks");
  }

  @Test
  void aRecordWithoutTheKeyAttributeIsRefusedAndDeadLettered() {
    Response r =
        hook(
            "/1.0/tenants/hooks/listeners/LI1/hook",
            secret,
            "{\"order\": {\"total\": 3, \"note\": \"no customer\"}}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText())
        .isEqualTo(
            "the key attribute 'customer' is mapped to 'order.customer.id', which in this record is"
                + " missing, not a string or a number");
    assertThat(recordsOf(installation.topics().deadletter(), "hooks"))
        .anySatisfy(
            d -> {
              assertThat(d.get("stage").asText()).isEqualTo("listener");
              assertThat(d.get("reason").asText()).startsWith("listener LI1: the key attribute");
              assertThat(Json.tree(d.get("original").asText()).get("order").get("note").asText())
                  .isEqualTo("no customer");
            });
  }

  @Test
  void aDisabledOrNonGenericListenerHasNoWebhook() {
    Response sf =
        admin.post(
            "/1.0/tenants/hooks/listeners",
            "{\"name\": \"sf\", \"type\": \"salesforce\", \"status\": true, \"topic\": \"T\","
                + " \"mapping\": {\"customer\": \"Id\"}}");
    String sfId = sf.json().get("id").asText();
    Response off =
        admin.post(
            "/1.0/tenants/hooks/listeners",
            "{\"name\": \"off\", \"type\": \"generic\", \"status\": false,"
                + " \"mapping\": {\"customer\": \"c\"}}");

    Response toSalesforce =
        admin.post("/1.0/tenants/hooks/listeners/" + sfId + "/hook", "{\"Id\": \"1\"}");
    Response toDisabled =
        hook(
            "/1.0/tenants/hooks/listeners/" + off.json().get("id").asText() + "/hook",
            off.json().get("secret").asText(),
            "{\"c\": \"1\"}");

    assertThat(toSalesforce.status()).isEqualTo(409);
    assertThat(toSalesforce.json().get("error").asText())
        .isEqualTo(
            "listener "
                + sfId
                + " is a salesforce listener; only generic listeners have a webhook");
    assertThat(toDisabled.status()).isEqualTo(409);
    assertThat(toDisabled.json().get("error").asText()).contains("is disabled");
  }

  @Test
  void anEventLargerThanTheLimitIsRefused() {
    Response r =
        hook(
            "/1.0/tenants/hooks/listeners/LI1/hook",
            secret,
            "{\"order\": {\"customer\": {\"id\": \"big\"}, \"total\": \""
                + "x".repeat(17_000)
                + "\"}}");

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("error").asText()).contains("more than the limit of 16384");
  }
}
