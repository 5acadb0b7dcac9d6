package io.cxengage.connectors.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.fakes.FakeDataSift;
import io.cxengage.connectors.fakes.FakeSalesforceStreaming;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.secrets.SecretCipher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner on a broker: listener documents written to cx.config start, stop and fail clients
 * against the local fakes, statuses come back on cx.config, and two runners share the listeners.
 */
class ListenerRunnerITCase {

  static final String KEY = SecretCipher.generateKey();
  static final SecretCipher CIPHER = SecretCipher.fromBase64(KEY);
  static ListenerKafka kafka;
  static FakeSalesforceStreaming salesforce;
  static FakeDataSift datasift;

  final List<ListenerRunner> runners = new ArrayList<>();
  final List<ListenerKey> created = new ArrayList<>();

  @BeforeAll
  static void start() {
    kafka = new ListenerKafka();
    salesforce =
        new FakeSalesforceStreaming(
            "ck", "cs", "ann@acme.example", "pwtok", Duration.ofMillis(500));
    datasift = new FakeDataSift("ann", "key-123");
  }

  @AfterAll
  static void stop() {
    salesforce.close();
    datasift.close();
    kafka.close();
  }

  /** Deletes this test's listeners, so the next test's runners do not start them again. */
  @AfterEach
  void cleanUp() {
    runners.forEach(ListenerRunner::close);
    created.forEach(key -> kafka.put(key.configKey(), null));
  }

  private ListenerRunner runner(String id) {
    ListenerRunner runner =
        ListenerRunner.start(
            ListenerRunnerConfig.defaults(kafka.bootstrap(), KEY)
                .withRunnerId(id)
                .withServices(
                    salesforce.uri(),
                    datasift.uri(),
                    Duration.ofMillis(100),
                    Duration.ofMillis(500)));
    runners.add(runner);
    return runner;
  }

  private void tenant(String tenant, String keyAttribute) {
    kafka.put(ConfigKey.tenant(tenant), "{\"id\":\"" + tenant + "\",\"name\":\"" + tenant + "\"}");
    kafka.put(ConfigKey.keyAttribute(tenant), "{\"key\":\"" + keyAttribute + "\",\"version\":1}");
  }

  private void integration(String tenant, String type, Map<String, String> fields) {
    Map<String, String> stored = new java.util.LinkedHashMap<>();
    stored.put("type", type);
    fields.forEach(
        (k, v) ->
            stored.put(
                k,
                k.contains("password") || k.contains("secret") || k.equals("api-key")
                    ? CIPHER.encrypt(v)
                    : v));
    kafka.put(ConfigKey.of(tenant, ConfigKind.INTEGRATION, type), Json.write(stored));
  }

  private ListenerKey listener(String tenant, String id, String json) {
    ListenerKey key = new ListenerKey(tenant, id);
    kafka.put(key.configKey(), json);
    created.add(key);
    return key;
  }

  private JsonNode status(ListenerKey key, String status) {
    return kafka.status(key, s -> s != null && s.get("status").asText().equals(status));
  }

  private static String datasiftListener(String id, String hash, boolean enabled) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\"tweets\",\"type\":\"datasift\",\"status\":"
        + enabled
        + ",\"hash\":\""
        + hash
        + "\",\"mapping\":{\"id\":\"twitter.user.screen_name\",\"sentiment\":\"salience.content.sentiment\"}}";
  }

  @Test
  void anEnabledSalesforceListenerStartsAndItsRecordsArriveMapped() {
    tenant("acme", "user");
    integration(
        "acme",
        "salesforce",
        Map.of(
            "consumer-key", "ck",
            "consumer-secret", "cs",
            "username", "ann@acme.example",
            "password", "pw",
            "secret-token", "tok"));
    ListenerKey key =
        listener(
            "acme",
            "LI2",
            "{\"id\":\"LI2\",\"name\":\"My Salesforce Listener\",\"type\":\"salesforce\",\"status\":true,"
                + "\"topic\":\"CxDemo_0720v2\",\"version\":\"62.0\","
                + "\"mapping\":{\"user\":\"user__c\",\"stage\":\"StageName\",\"amount\":\"Amount\"}}");
    runner("r-one");

    JsonNode started = status(key, "started");
    assertThat(started.get("message").asText())
        .isEqualTo("subscribed to /topic/CxDemo_0720v2 (API 62.0)");
    assertThat(started.get("runner").asText()).isEqualTo("r-one");
    salesforce.publish(
        "CxDemo_0720v2",
        Json.mapper()
            .createObjectNode()
            .put("user__c", "u-77")
            .put("StageName", "Closed Won")
            .put("Amount", 5000));

    assertThat(kafka.events("acme", 1))
        .containsExactly(
            Json.tree(
                "{\"listener\":\"LI2\",\"user\":\"u-77\",\"stage\":\"Closed Won\",\"amount\":5000}"));
  }

  @Test
  void disablingOrDeletingAListenerStopsItsClientWithinSeconds() {
    tenant("beta", "id");
    integration("beta", "datasift", Map.of("username", "ann", "api-key", "key-123"));
    ListenerKey key = listener("beta", "LI1", datasiftListener("LI1", "beta-hash", true));
    runner("r-one");
    status(key, "started");
    assertThat(datasift.subscribers("beta-hash")).isEqualTo(1);

    long disabledAt = System.nanoTime();
    listener("beta", "LI1", datasiftListener("LI1", "beta-hash", false));
    Await.until(
        "the stream let go", () -> datasift.subscribers("beta-hash") == 0, Duration.ofSeconds(5));
    JsonNode stopped = status(key, "stopped");
    assertThat(Duration.ofNanos(System.nanoTime() - disabledAt)).isLessThan(Duration.ofSeconds(5));
    assertThat(stopped.get("message").asText()).isEqualTo("the listener is disabled");

    listener("beta", "LI1", datasiftListener("LI1", "beta-hash", true));
    status(key, "started");
    Await.until(
        "subscribed again", () -> datasift.subscribers("beta-hash") == 1, Duration.ofSeconds(5));
    long deletedAt = System.nanoTime();
    kafka.put(key.configKey(), null);
    Await.until(
        "the stream let go", () -> datasift.subscribers("beta-hash") == 0, Duration.ofSeconds(5));
    kafka.await(
        kafka.topics.config(),
        key.statusKey().toString(),
        v -> !v.isEmpty() && v.get(v.size() - 1).value() == null,
        Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(System.nanoTime() - deletedAt)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aMappingWithoutTheKeyAttributeFailsTheListenerSayingSo() {
    tenant("gamma", "customer");
    integration("gamma", "datasift", Map.of("username", "ann", "api-key", "key-123"));
    ListenerKey key = listener("gamma", "LI1", datasiftListener("LI1", "gamma-hash", true));
    runner("r-one");

    JsonNode failed = status(key, "failed");

    assertThat(failed.get("message").asText())
        .isEqualTo(
            "the mapping has no entry for the tenant's key attribute 'customer': add \"customer\":"
                + " \"<path in the record>\" to the listener's mapping");
    assertThat(datasift.subscribers("gamma-hash")).isZero();
  }

  @Test
  void aListenerWithoutItsIntegrationFailsNamingWhatToCreate() {
    tenant("delta", "id");
    ListenerKey key = listener("delta", "LI1", datasiftListener("LI1", "delta-hash", true));
    runner("r-one");

    assertThat(status(key, "failed").get("message").asText())
        .isEqualTo(
            "tenant delta has no datasift integration: create it with POST"
                + " /1.0/tenants/delta/integrations/datasift");
  }

  @Test
  void unmappableRecordsGoToTheDeadLetterTopicWithTheirReason() {
    tenant("eps", "id");
    integration("eps", "datasift", Map.of("username", "ann", "api-key", "key-123"));
    ListenerKey key = listener("eps", "LI3", datasiftListener("LI3", "eps-hash", true));
    runner("r-one");
    status(key, "started");
    Await.until("subscribed", () -> datasift.subscribers("eps-hash") == 1, Duration.ofSeconds(5));

    var data = Json.mapper().createObjectNode();
    data.putObject("salience").putObject("content").put("sentiment", 3);
    datasift.interaction("eps-hash", data);

    JsonNode dead = kafka.deadLetters("eps", 1).get(0);
    assertThat(dead.get("stage").asText()).isEqualTo("listener");
    assertThat(dead.get("tenant").asText()).isEqualTo("eps");
    assertThat(dead.get("reason").asText())
        .isEqualTo(
            "listener LI3: the key attribute 'id' is mapped to 'twitter.user.screen_name', which in"
                + " this record is missing, not a string or a number");
    assertThat(Json.tree(dead.get("original").asText())).isEqualTo(data);
  }

  @Test
  void twoRunnersShareTheListenersEachRunningExactlyOnce() {
    tenant("share", "id");
    // enough generic listeners that every partition of the assignment topic holds one
    Set<Integer> partitions = new HashSet<>();
    Set<ListenerKey> all = new HashSet<>();
    for (int n = 1; partitions.size() < 12; n++) {
      String id = "LI" + n;
      ListenerKey key =
          listener(
              "share",
              id,
              "{\"id\":\""
                  + id
                  + "\",\"name\":\"hook\",\"type\":\"generic\",\"status\":true,\"mapping\":{\"id\":\"customer.id\"}}");
      all.add(key);
      partitions.add(ListenerAssignment.partitionOf(key, 12));
    }
    ListenerRunner one = runner("r-one");
    ListenerRunner two = runner("r-two");

    Await.until(
        "both runners share every listener",
        () -> shares(one, two, all),
        Duration.ofSeconds(30),
        () -> one.running().size() + " + " + two.running().size() + " of " + all.size());
    assertThat(one.running()).isNotEmpty().doesNotContainAnyElementsOf(two.running());
    assertThat(two.running()).isNotEmpty();
    Set<ListenerKey> ones = one.running();
    kafka.latest(
        kafka.topics.config(),
        docs ->
            all.stream()
                .allMatch(
                    key -> {
                      JsonNode status = docs.get(key.statusKey().toString());
                      return status != null
                          && status
                              .get("runner")
                              .asText()
                              .equals(ones.contains(key) ? "r-one" : "r-two")
                          && status
                              .get("message")
                              .asText()
                              .equals(
                                  "webhook ready: POST /1.0/tenants/share/listeners/"
                                      + key.id()
                                      + "/hook");
                    }),
        Duration.ofSeconds(10));

    two.close();
    Await.until(
        "the first runner took over",
        () -> one.running().containsAll(all),
        Duration.ofSeconds(30),
        () -> one.running().size() + " of " + all.size());
    kafka.latest(
        kafka.topics.config(),
        docs ->
            all.stream()
                .map(key -> docs.get(key.statusKey().toString()))
                .allMatch(
                    s ->
                        s != null
                            && s.get("runner").asText().equals("r-one")
                            && s.get("status").asText().equals("started")),
        Duration.ofSeconds(10));
  }

  private static boolean shares(ListenerRunner one, ListenerRunner two, Set<ListenerKey> all) {
    Set<ListenerKey> union = new HashSet<>();
    Set<ListenerKey> a = filter(one.running(), all);
    Set<ListenerKey> b = filter(two.running(), all);
    union.addAll(a);
    union.addAll(b);
    return union.equals(all) && a.size() + b.size() == all.size() && !a.isEmpty() && !b.isEmpty();
  }

  private static Set<ListenerKey> filter(Set<ListenerKey> running, Set<ListenerKey> all) {
    Set<ListenerKey> mine = new HashSet<>(running);
    mine.retainAll(all);
    return mine;
  }
}
