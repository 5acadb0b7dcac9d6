package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.admin.stream.StreamSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket relay on a real broker with the JDK's WebSocket client: messages written to
 * cx.stream as the job writes them reach every socket of their tenant, on every admin-api instance,
 * once; a client that stops reading is closed with 1008 without holding back the others.
 */
class StreamRelayITCase {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final StreamSettings SETTINGS =
      StreamSettings.defaults()
          .withQueueLimit(64)
          .withPings(Duration.ofSeconds(1), Duration.ofSeconds(30))
          .withPartitionRefresh(Duration.ofSeconds(1));
  private static TestInstallation installation;
  private static AdminApi a;
  private static AdminApi b;
  private static ApiClient adminOfA;
  private static ApiClient adminOfB;
  private static StreamWriter writer;

  @BeforeAll
  static void start() {
    installation = new TestInstallation();
    a = installation.start(installation.config().withStream(SETTINGS));
    b = installation.start(installation.config().withStream(SETTINGS));
    adminOfA = installation.admin(a);
    adminOfB = installation.admin(b);
    for (String tenant :
        new String[] {"acme", "globex", "dupes", "slowco", "talker", "shared", "quiet", "grown"}) {
      assertThat(adminOfA.post("/1.0/tenants", "{\"id\": \"" + tenant + "\", \"name\": \"T\"}"))
          .extracting(ApiClient.Response::status)
          .isEqualTo(201);
    }
    writer = new StreamWriter(installation.broker().bootstrapServers(), "cx.stream");
  }

  @AfterAll
  static void stop() {
    writer.close();
    installation.close();
  }

  private static StreamClient open(AdminApi server, ApiClient admin, String tenant) {
    return open(server, admin, tenant, true);
  }

  private static StreamClient open(
      AdminApi server, ApiClient admin, String tenant, boolean reading) {
    int before = server.streamSockets().open(tenant);
    String ticket =
        admin.post("/1.0/tenants/" + tenant + "/ticket", "").json().get("ticket").asText();
    StreamClient client =
        reading
            ? StreamClient.open(server.port(), ticket)
            : StreamClient.openPaused(server.port(), ticket);
    awaitSockets(server, tenant, before + 1);
    return client;
  }

  private static void awaitSockets(AdminApi server, String tenant, int count) {
    Await.until(
        count + " sockets of " + tenant + " open",
        WAIT,
        () -> server.streamSockets().open(tenant) == count,
        () -> server.streamSockets().openByTenant());
  }

  private static void awaitMessages(StreamClient client, int count) {
    Await.until(
        count + " messages received",
        WAIT,
        () -> client.messages().size() >= count,
        client::messages);
  }

  @Test
  void everySocketOfATenantGetsItsMessagesAndNoOtherTenantsSocketDoes() {
    StreamClient first = open(a, adminOfA, "acme");
    StreamClient second = open(a, adminOfA, "acme");
    StreamClient other = open(a, adminOfA, "globex");
    long delivered = a.streamMetrics().framesDelivered();

    writer.write("acme", "{\"id\": \"42\", \"name\": \"Ada\"}", "acme/PT1/1");
    awaitMessages(first, 1);
    awaitMessages(second, 1);
    writer.write("globex", "for globex", "globex/PT1/1");
    awaitMessages(other, 1);

    assertThat(first.messages()).containsExactly("{\"id\": \"42\", \"name\": \"Ada\"}");
    assertThat(second.messages()).containsExactly("{\"id\": \"42\", \"name\": \"Ada\"}");
    assertThat(other.messages()).containsExactly("for globex");
    Await.until(
        "three frames counted", WAIT, () -> a.streamMetrics().framesDelivered() == delivered + 3);
    String metrics = new ApiClient(a.port(), null).get("/metrics").body();
    assertThat(metrics)
        .contains("cx_admin_stream_sockets{tenant=\"acme\"} 2.0")
        .contains("cx_admin_stream_sockets{tenant=\"globex\"} 1.0")
        .contains("cx_admin_stream_frames_delivered_total")
        .contains("cx_admin_stream_slow_disconnects_total");
    first.close();
    second.close();
    other.close();
    awaitSockets(a, "acme", 0);
  }

  @Test
  void aMessageWithNoSocketIsDroppedAndCountedAsDelivered() {
    long before = a.streamMetrics().messages("no-socket");
    writer.write("nobody-listens", "lost", "nobody-listens/PT1/1");
    Await.until(
        "the message is counted as having no socket",
        WAIT,
        () -> a.streamMetrics().messages("no-socket") == before + 1);
  }

  @Test
  void aSendIdThatWasDeliveredBeforeIsNotDeliveredAgain() {
    StreamClient client = open(a, adminOfA, "dupes");
    long repeats = a.streamMetrics().messages("repeat");
    writer.write("dupes", "first", "dupes/PT1/run-1/0");
    writer.write("dupes", "first", "dupes/PT1/run-1/0"); // the job's write after a restart
    writer.write("dupes", "second", "dupes/PT1/run-2/0");
    awaitMessages(client, 2);

    assertThat(client.messages()).containsExactly("first", "second");
    assertThat(a.streamMetrics().messages("repeat")).isEqualTo(repeats + 1);
    client.close();
  }

  @Test
  void aClientThatStopsReadingIsClosedWith1008WhileAFastOneGetsEverything() {
    StreamClient fast = open(a, adminOfA, "slowco");
    StreamClient slow = open(a, adminOfA, "slowco", false);
    long disconnects = a.streamMetrics().slowDisconnects();
    String padding = "x".repeat(32 * 1024);
    List<String> written = new ArrayList<>();
    // The slow client's TCP buffers fill first, then its queue: write until the server gives up
    // on it, however large the buffers of this machine are.
    while (a.streamMetrics().slowDisconnects() == disconnects) {
      assertThat(written)
          .as("messages written before the slow client was dropped")
          .hasSizeLessThan(3000);
      for (int i = 0; i < 20; i++) {
        String message = written.size() + ":" + padding;
        writer.write("slowco", message, "slowco/" + written.size());
        written.add(message);
      }
    }
    awaitSockets(a, "slowco", 1);
    for (int i = 0; i < 5; i++) {
      String message = "after the slow client left " + i;
      writer.write("slowco", message, "slowco/after/" + i);
      written.add(message);
    }

    awaitMessages(fast, written.size());
    assertThat(fast.messages()).isEqualTo(written);

    slow.resume();
    assertThat(slow.awaitClose(WAIT)).isEqualTo(1008);
    assertThat(slow.messages().size()).isLessThan(written.size());
    assertThat(a.streamMetrics().slowDisconnects()).isEqualTo(disconnects + 1);
    fast.close();
  }

  @Test
  void aClientThatSendsAFrameIsClosedWith1003() {
    StreamClient text = open(a, adminOfA, "talker");
    text.sendText("hello?");
    assertThat(text.awaitClose(WAIT)).isEqualTo(1003);
    awaitSockets(a, "talker", 0);

    StreamClient binary = open(a, adminOfA, "talker");
    binary.sendBinary(new byte[] {1, 2, 3});
    assertThat(binary.awaitClose(WAIT)).isEqualTo(1003);
    awaitSockets(a, "talker", 0);
  }

  @Test
  void twoInstancesOnOneKafkaEachDeliverToTheirOwnSockets() {
    StreamClient onA = open(a, adminOfA, "shared");
    StreamClient onB = open(b, adminOfB, "shared");

    writer.write("shared", "to everyone", "shared/PT1/1");
    awaitMessages(onA, 1);
    awaitMessages(onB, 1);

    assertThat(onA.messages()).containsExactly("to everyone");
    assertThat(onB.messages()).containsExactly("to everyone");
    onA.close();
    onB.close();
  }

  @Test
  void anIdleSocketIsPingedAndOutlivesTheIdleTimeout() {
    AdminApi pinging =
        installation.start(
            installation
                .config()
                .withStream(SETTINGS.withPings(Duration.ofSeconds(1), Duration.ofSeconds(2))));
    StreamClient client = open(pinging, installation.admin(pinging), "quiet");

    Await.until("four pings", WAIT, () -> client.pings() >= 4);

    assertThat(client.isClosed()).isFalse();
    assertThat(pinging.streamSockets().open("quiet")).isEqualTo(1);
    pinging.close();
  }

  @Test
  void aPartitionAddedToTheTopicIsRelayedToo() throws Exception {
    StreamClient client = open(a, adminOfA, "grown");
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                installation.broker().bootstrapServers()))) {
      admin.createPartitions(Map.of("cx.stream", NewPartitions.increaseTo(3))).all().get();
    }
    // written at once: the relay may find the partition only afterwards, and still reads it
    writer.write(2, "grown", "in the new partition", "grown/PT1/1");
    awaitMessages(client, 1);

    assertThat(client.messages()).containsExactly("in the new partition");
    client.close();
  }
}
