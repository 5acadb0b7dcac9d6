package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.admin.ApiClient.Response;
import io.cxengage.connectors.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stream tickets at the WebSocket upgrade (api.md, GSE), with the JDK's WebSocket client: a ticket
 * opens one socket once, within two minutes, from the address that asked for it; anything else is a
 * 401 with a JSON error before any upgrade.
 */
class StreamTicketITCase {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static TestInstallation installation;
  private static AdminApi server;
  private static ApiClient admin;

  @BeforeAll
  static void start() {
    installation = new TestInstallation();
    server = installation.start();
    admin = installation.admin(server);
    for (String tenant : new String[] {"once", "expiry", "address", "revoked"}) {
      assertThat(admin.post("/1.0/tenants", "{\"id\": \"" + tenant + "\", \"name\": \"T\"}"))
          .extracting(Response::status)
          .isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    installation.close();
  }

  private static String ticket(ApiClient client, String tenant) {
    Response r = client.post("/1.0/tenants/" + tenant + "/ticket", "");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("ticket").asText();
  }

  private static void awaitSockets(String tenant, int count) {
    Await.until(
        count + " sockets of " + tenant + " are open",
        WAIT,
        () -> server.streamSockets().open(tenant) == count,
        () -> server.streamSockets().openByTenant());
  }

  @Test
  void aTicketOpensTheStreamOnceAndASecondUseIsRefused() {
    String ticket = ticket(admin, "once");
    StreamClient first = StreamClient.open(server.port(), ticket);
    awaitSockets("once", 1);

    assertThat(StreamClient.refusal(server.port(), ticket)).isEqualTo(401);
    assertThat(server.streamSockets().open("once")).isEqualTo(1);

    first.close();
    assertThat(first.awaitClose(WAIT)).isEqualTo(1000);
    awaitSockets("once", 0);
  }

  @Test
  void aTicketExpiresTwoMinutesAfterItWasIssued() {
    String inTime = ticket(admin, "expiry");
    String late = ticket(admin, "expiry");
    installation.clock.advance(Duration.ofSeconds(119));
    StreamClient client = StreamClient.open(server.port(), inTime);
    awaitSockets("expiry", 1);

    installation.clock.advance(Duration.ofSeconds(1));
    assertThat(StreamClient.refusal(server.port(), late)).isEqualTo(401);
    client.close();
    awaitSockets("expiry", 0);
  }

  @Test
  void aTicketIsRefusedFromAnotherAddressAndStillServesItsOwn() {
    RawHttp.Answer issued =
        RawHttp.ticket("127.0.0.2", server.port(), "address", admin.bearerToken());
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    String ticket = Json.tree(issued.body()).get("ticket").asText();

    // the JDK client connects from 127.0.0.1
    assertThat(StreamClient.refusal(server.port(), ticket)).isEqualTo(401);
    assertThat(server.streamSockets().open("address")).isZero();

    // a refusal from the wrong address does not use the ticket up
    RawHttp.Answer upgraded = RawHttp.upgrade("127.0.0.2", server.port(), ticket);
    assertThat(upgraded.status()).isEqualTo(101);
    assertThat(upgraded.headers().get("upgrade")).isEqualToIgnoringCase("websocket");
  }

  @Test
  void aRefusedUpgradeIsA401WithAJsonError() {
    RawHttp.Answer refused = RawHttp.upgrade("127.0.0.1", server.port(), "no-such-ticket");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.headers().get("content-type")).startsWith("application/json");
    assertThat(refused.headers()).doesNotContainKey("sec-websocket-accept");
    JsonNode error = Json.tree(refused.body());
    assertThat(error.get("error").asText())
        .isEqualTo(
            "the stream ticket is unknown, used, expired or was requested from another IP"
                + " address: get a new one from POST /1.0/tenants/<tenant>/ticket");
  }

  @Test
  void aTicketOfAnAccountThatLostTheTenantIsRefused() {
    Response user =
        admin.post(
            "/1.0/users",
            "{\"email\": \"ann@stream.example\", \"name\": \"Ann\", \"tenants\": [\"revoked\"]}");
    assertThat(user.status()).isEqualTo(201);
    ApiClient ann =
        admin.withToken(
            admin.token(
                user.json().get("client-id").asText(), user.json().get("client-secret").asText()));
    String ticket = ticket(ann, "revoked");
    assertThat(admin.put("/1.0/users/ann@stream.example", "{\"tenants\": []}").status())
        .isEqualTo(200);

    RawHttp.Answer refused = RawHttp.upgrade("127.0.0.1", server.port(), ticket);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(Json.tree(refused.body()).get("error").asText())
        .isEqualTo("the account that requested this ticket no longer has access to tenant revoked");
  }

  @Test
  void aPlainGetOfTheStreamPathAsksForAnUpgrade() {
    for (String path : new String[] {"/1.0/stream/some-ticket", "/stream/some-ticket"}) {
      Response r = new ApiClient(server.port(), null).get(path);
      assertThat(r.status()).as(path).isEqualTo(426);
      assertThat(r.header("Upgrade")).isEqualTo("websocket");
      assertThat(r.json().get("error").asText())
          .isEqualTo("this path opens a WebSocket: connect to ws://<host>/1.0/stream/<ticket>");
    }
  }
}
