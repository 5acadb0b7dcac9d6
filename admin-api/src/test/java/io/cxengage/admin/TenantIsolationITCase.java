package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.admin.ApiClient.Response;
import io.cxengage.admin.http.Access;
import io.cxengage.admin.http.BodyKind;
import io.cxengage.admin.http.Route;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every tenant-scoped and admin route the server registers (taken from its route table, so a
 * new route is covered without touching this test) with a token of another tenant (403), no token
 * (401), an expired token (401), a malformed body (400) and an unknown tenant or id (404).
 */
class TenantIsolationITCase {

  private static final String MINE = "acme";
  private static final String OTHER = "globex";
  private static final Map<String, String> EXISTING_IDS =
      Map.of(
          "patterns",
          "PT1",
          "templates",
          "TM1",
          "listeners",
          "LI1",
          "augments",
          "AU1",
          "augment",
          "AU1");

  private static TestInstallation installation;
  private static AdminApi server;
  private static ApiClient admin;
  private static ApiClient mine;
  private static ApiClient other;

  @BeforeAll
  static void start() {
    installation = new TestInstallation();
    server = installation.start();
    admin = installation.admin(server);
    mine = userOf(MINE);
    other = userOf(OTHER);
    String t = "/1.0/tenants/" + MINE;
    assertThat(mine.post(t + "/patterns", "{\"name\": \"p\"}").status()).isEqualTo(201);
    assertThat(mine.post(t + "/templates", "{\"name\": \"t\", \"template\": \"hi\"}").status())
        .isEqualTo(201);
    assertThat(
            mine.post(t + "/listeners", "{\"name\": \"l\", \"type\": \"generic\", \"mapping\": {}}")
                .status())
        .isEqualTo(201);
    assertThat(
            mine.post(
                    t + "/augments",
                    "{\"name\": \"a\", \"type\": \"file\", \"service\": \"engine\"}")
                .status())
        .isEqualTo(201);
    assertThat(mine.post(t + "/integrations/twilio", "{\"account\": \"a\"}").status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    installation.close();
  }

  private static ApiClient userOf(String tenant) {
    assertThat(
            admin
                .post("/1.0/tenants", "{\"id\": \"" + tenant + "\", \"name\": \"" + tenant + "\"}")
                .status())
        .isEqualTo(201);
    Response user =
        admin.post(
            "/1.0/users",
            "{\"email\": \"ops@" + tenant + ".example\", \"tenants\": [\"" + tenant + "\"]}");
    return admin.withToken(
        admin.token(
            user.json().get("client-id").asText(), user.json().get("client-secret").asText()));
  }

  private static List<Route> guarded(Access access) {
    return server.routes().stream().filter(r -> r.access() == access).toList();
  }

  @Test
  void aTokenOfAnotherTenantIsRefusedOnEveryTenantRoute() {
    assertThat(guarded(Access.TENANT)).hasSizeGreaterThan(30);
    for (Route route : guarded(Access.TENANT)) {
      for (String path : route.servedPaths()) {
        Response r = call(other, route, fill(path, MINE, true), validBody(route));
        assertThat(r.status()).as(route.method() + " " + path + " " + r).isEqualTo(403);
        assertThat(r.json().get("error").asText()).contains("no access to tenant acme");
      }
    }
  }

  @Test
  void noTokenIsRefusedOnEveryGuardedRoute() {
    for (Access access : List.of(Access.TENANT, Access.ADMIN, Access.ACCOUNT)) {
      for (Route route : guarded(access)) {
        ApiClient anonymous = mine.withToken(null);
        Response r =
            call(anonymous, route, fill(route.servedPaths().get(0), MINE, true), validBody(route));
        assertThat(r.status()).as(route.method() + " " + route.path() + " " + r).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        ApiClient forged = mine.withToken("not-a-token");
        assertThat(call(forged, route, fill(route.path(), MINE, true), validBody(route)).status())
            .isEqualTo(401);
      }
    }
  }

  @Test
  void anExpiredTokenIsRefusedOnEveryGuardedRoute() {
    ApiClient anonymous = mine.withToken(null);
    Response user =
        admin.post("/1.0/users", "{\"email\": \"late@acme.example\", \"tenants\": [\"acme\"]}");
    String token =
        anonymous.token(
            user.json().get("client-id").asText(), user.json().get("client-secret").asText());
    ApiClient expiring = anonymous.withToken(token);
    assertThat(expiring.get("/1.0/account").status()).isEqualTo(200);
    installation.clock.advance(Duration.ofDays(30).plusSeconds(1));
    try {
      for (Access access : List.of(Access.TENANT, Access.ADMIN, Access.ACCOUNT)) {
        for (Route route : guarded(access)) {
          Response r = call(expiring, route, fill(route.path(), MINE, true), validBody(route));
          assertThat(r.status()).as(route.method() + " " + route.path()).isEqualTo(401);
          assertThat(r.json().get("error").asText()).contains("expired");
        }
      }
    } finally {
      installation.clock.advance(Duration.ofDays(-30).minusSeconds(1));
    }
  }

  @Test
  void aNonAdminIsRefusedOnEveryAdminRoute() {
    for (Route route : guarded(Access.ADMIN)) {
      Response r = call(mine, route, fill(route.path(), MINE, true), validBody(route));
      assertThat(r.status()).as(route.method() + " " + route.path()).isEqualTo(403);
    }
  }

  @Test
  void aMalformedBodyIsRefusedWith400() {
    for (Route route : server.routes()) {
      if (route.body() == BodyKind.NONE || route.access() == Access.PUBLIC) {
        continue;
      }
      ApiClient caller = route.access() == Access.ADMIN ? admin : mine;
      for (String path : route.servedPaths()) {
        String body = route.body() == BodyKind.CSV ? "a,b\n\"open" : "{\"name\": ";
        Response r = call(caller, route, fill(path, MINE, true), body);
        assertThat(r.status()).as(route.method() + " " + path + " " + r).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isNotBlank();
      }
    }
  }

  @Test
  void anUnknownTenantOrIdIsAnswered404() {
    for (Route route : guarded(Access.TENANT)) {
      for (String path : route.servedPaths()) {
        Response unknownTenant =
            call(admin, route, fill(path, "no-such-tenant", true), validBody(route));
        assertThat(unknownTenant.status()).as(route.method() + " " + path).isEqualTo(404);
        assertThat(unknownTenant.json().get("error").asText()).contains("tenant no-such-tenant");
        if (path.contains("{id}") || path.contains("{type}")) {
          Response unknownId = call(mine, route, fill(path, MINE, false), validBody(route));
          assertThat(unknownId.status())
              .as(route.method() + " " + path + " " + unknownId)
              .isEqualTo(404);
          assertThat(unknownId.json().get("error").asText()).doesNotContain("no such route");
        }
      }
    }
  }

  @Test
  void badInputIsNeverAnsweredWith500() {
    List<String> bodies =
        List.of(
            "[]",
            "\"x\"",
            "123",
            "null",
            "{\"name\": {}}",
            "{\"name\": \"n\", \"status\": true}",
            "{\"name\": \"n\", \"type\": 1}",
            "{\"tenants\": [\"a/b\"], \"email\": \"x@y\"}",
            "{\"id\": \"a/b\", \"name\": \"n\"}",
            "{\"mapping\": [1]}",
            "{\"options\": []}",
            "{\"key\": 5}",
            "{\"when\": \"((((\"}",
            "\u0000\u0001");
    for (Route route : server.routes()) {
      ApiClient caller = route.access() == Access.ADMIN ? admin : mine;
      if (route.access() != Access.PUBLIC) {
        Response odd = call(caller, route, "/1.0" + fill(route.path(), "a%2Fb", true), "{}");
        assertThat(odd.status())
            .as(route.method() + " " + route.path() + " " + odd)
            .isLessThan(500);
      }
      if (route.access() == Access.PUBLIC || route.body() == BodyKind.NONE) {
        continue; // bodiless routes (deletes among them) have nothing more to fuzz
      }
      for (String body : bodies) {
        Response r = call(caller, route, "/1.0" + fill(route.path(), MINE, true), body);
        assertThat(r.status())
            .as(route.method() + " " + route.path() + " " + body + " " + r)
            .isLessThan(500);
        assertThat(r.body()).doesNotContain("Exception", "\tat ");
      }
    }
  }

  @Test
  void aTenantsDataIsInvisibleToAnotherTenantEvenThroughItsOwnPaths() {
    Response list = other.get("/1.0/tenants/" + OTHER + "/patterns");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json()).isEmpty();
    assertThat(other.get("/1.0/tenants/" + OTHER + "/patterns/PT1").status()).isEqualTo(404);
    assertThat(other.get("/1.0/account/tenants").json().get("tenants").findValuesAsText("id"))
        .containsExactly(OTHER);
  }

  /** A path with its parameters filled: an existing id, or one that does not exist. */
  private static String fill(String path, String tenant, boolean existing) {
    String filled = path.replace("{tenant}", tenant).replace("{email}", "nobody@nowhere.example");
    if (filled.contains("{type}")) {
      filled = filled.replace("{type}", existing ? "twilio" : "nosuchtype");
    }
    if (filled.contains("{id}")) {
      String collection = filled.substring(0, filled.indexOf("/{id}"));
      collection = collection.substring(collection.lastIndexOf('/') + 1);
      filled = filled.replace("{id}", existing ? EXISTING_IDS.get(collection) : "XX999");
    }
    return filled;
  }

  private static String validBody(Route route) {
    return switch (route.body()) {
      case NONE -> null;
      case CSV -> "k,v\n1,2\n";
      case FORM -> "grant_type=client_credentials";
      default -> "{\"name\": \"n\"}";
    };
  }

  private static Response call(ApiClient client, Route route, String path, String body) {
    String type =
        switch (route.body()) {
          case NONE -> null;
          case CSV -> "text/csv";
          case FORM -> "application/x-www-form-urlencoded";
          default -> "application/json";
        };
    return client.send(route.method().name(), path, type, body);
  }
}
