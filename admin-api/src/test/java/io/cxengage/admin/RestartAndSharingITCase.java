package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.admin.ApiClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration log is the only store: a restarted server (same Kafka) has lost nothing and
 * reallocates no id, two servers on one log see each other's writes, and concurrent creates on two
 * servers get distinct ids.
 */
class RestartAndSharingITCase {

  private static TestInstallation installation;

  @BeforeAll
  static void start() {
    installation = new TestInstallation();
  }

  @AfterAll
  static void stop() {
    installation.close();
  }

  @Test
  void aRestartedServerLosesNothingAndReallocatesNoId() {
    AdminApi first = installation.start();
    ApiClient admin = installation.admin(first);
    assertThat(admin.post("/1.0/tenants", "{\"id\": \"restart\", \"name\": \"Restart\"}").status())
        .isEqualTo(201);
    Response user =
        admin.post("/1.0/users", "{\"email\": \"r@restart.example\", \"tenants\": [\"restart\"]}");
    String clientId = user.json().get("client-id").asText();
    String secret = user.json().get("client-secret").asText();
    ApiClient api = admin.withToken(admin.token(clientId, secret));
    String t = "/1.0/tenants/restart";
    api.post(t + "/key-attribute", "{\"key\": \"email\"}");
    api.post(t + "/patterns", "{\"name\": \"one\"}");
    api.post(t + "/patterns", "{\"name\": \"two\"}");
    api.delete(t + "/patterns/PT2");
    api.post(t + "/templates", "{\"name\": \"tm\", \"template\": \"Hi {{name}}\"}");
    api.post(
        t + "/listeners",
        "{\"name\": \"l\", \"type\": \"datasift\", \"mapping\": {}, \"hash\": \"h\"}");
    api.post(t + "/augments", "{\"name\": \"a\", \"type\": \"api\", \"service\": \"engine\"}");
    api.post(t + "/integrations/sendgrid", "{\"account\": \"acc\", \"password\": \"pw\"}");
    List<String> before = snapshot(api, t);
    first.close();

    AdminApi second = installation.start();
    ApiClient again = new ApiClient(second.port(), null);
    ApiClient sameToken = again.withToken(tokenOf(api));
    assertThat(snapshot(sameToken, t)).isEqualTo(before);
    assertThat(sameToken.get(t + "/integrations/sendgrid").json().get("password").asText())
        .isEqualTo("********");
    assertThat(again.tokenRequest(clientId, secret).status()).isEqualTo(200);
    assertThat(sameToken.post(t + "/patterns", "{\"name\": \"three\"}").json().get("id").asText())
        .isEqualTo("PT3");
    assertThat(sameToken.post(t + "/templates", "{\"name\": \"tm2\"}").json().get("id").asText())
        .isEqualTo("TM2");
    second.close();
  }

  @Test
  void twoServersOnOneLogSeeEachOthersWrites() {
    AdminApi a = installation.start();
    AdminApi b = installation.start();
    ApiClient adminA = installation.admin(a);
    assertThat(adminA.post("/1.0/tenants", "{\"id\": \"shared\", \"name\": \"Shared\"}").status())
        .isEqualTo(201);
    Response user =
        adminA.post("/1.0/users", "{\"email\": \"s@shared.example\", \"tenants\": [\"shared\"]}");
    // a user created on A gets a token from B, and B's token works on A
    ApiClient anonymousB = new ApiClient(b.port(), null);
    String token =
        anonymousB.token(
            user.json().get("client-id").asText(), user.json().get("client-secret").asText());
    ApiClient onA = new ApiClient(a.port(), token);
    ApiClient onB = anonymousB.withToken(token);
    String t = "/1.0/tenants/shared";

    Response created = onA.post(t + "/patterns", "{\"name\": \"from A\"}");
    assertThat(created.status()).isEqualTo(201);
    Response readOnB = onB.get(t + "/patterns/" + created.json().get("id").asText());
    assertThat(readOnB.status()).as("a read after a write on another instance").isEqualTo(200);
    assertThat(readOnB.json().get("name").asText()).isEqualTo("from A");

    assertThat(onB.put(t + "/patterns/PT1", "{\"description\": \"changed on B\"}").status())
        .isEqualTo(200);
    awaitTrue(
        () ->
            "changed on B".equals(onA.get(t + "/patterns/PT1").json().path("description").asText()),
        "A sees B's change");
    assertThat(onA.get(t + "/patterns").json()).isEqualTo(onB.get(t + "/patterns").json());

    // revoking the user on B refuses its token on B at once, and on A as soon as A has read the
    // log (A learns of the deletion by reading cx.config; it does not ask the broker per request)
    ApiClient adminB = installation.admin(b);
    assertThat(adminB.delete("/1.0/users/s@shared.example").status()).isEqualTo(204);
    assertThat(onB.get(t + "/patterns").status()).isEqualTo(401);
    awaitTrue(() -> onA.get(t + "/patterns").status() == 401, "A refuses the revoked token");
    a.close();
    b.close();
  }

  @Test
  void concurrentCreatesOnTwoServersGetDistinctIds() throws Exception {
    AdminApi a = installation.start();
    AdminApi b = installation.start();
    ApiClient admin = installation.admin(a);
    assertThat(admin.post("/1.0/tenants", "{\"id\": \"race\", \"name\": \"Race\"}").status())
        .isEqualTo(201);
    List<ApiClient> clients =
        List.of(new ApiClient(a.port(), tokenOf(admin)), new ApiClient(b.port(), tokenOf(admin)));
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ApiClient client = clients.get(i % 2);
        Callable<String> create =
            () -> {
              Response r =
                  client.post(
                      "/1.0/tenants/race/augments",
                      "{\"name\": \"a\", \"type\": \"file\", \"service\": \"engine\"}");
              assertThat(r.status()).isEqualTo(201);
              return r.json().get("id").asText();
            };
        ids.add(pool.submit(create));
      }
      List<String> allocated = new ArrayList<>();
      for (Future<String> id : ids) {
        allocated.add(id.get());
      }
      List<String> expected = new ArrayList<>();
      for (int n = 1; n <= 40; n++) {
        expected.add("AU" + n);
      }
      assertThat(allocated).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      pool.shutdownNow();
      a.close();
      b.close();
    }
  }

  private static List<String> snapshot(ApiClient api, String t) {
    List<String> state = new ArrayList<>();
    for (String path :
        List.of(
            "",
            "/key-attribute",
            "/patterns",
            "/templates",
            "/listeners",
            "/augments",
            "/integrations")) {
      Response r = api.get(t + path);
      assertThat(r.status()).as(path + " " + r).isEqualTo(200);
      state.add(r.body());
    }
    return state;
  }

  private static String tokenOf(ApiClient client) {
    return client
        .request("/")
        .build()
        .headers()
        .firstValue("Authorization")
        .orElseThrow()
        .substring(7);
  }

  private static void awaitTrue(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.get()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
