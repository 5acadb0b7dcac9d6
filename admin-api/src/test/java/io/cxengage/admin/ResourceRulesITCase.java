package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.admin.ApiClient.Response;
import io.cxengage.connectors.json.Json;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of api.md beyond the seed document: pattern validation, templates in use, partial
 * updates and unknown fields, secrets shown once, accounts and tokens, content types and sizes, the
 * operational endpoints.
 */
class ResourceRulesITCase {

  private static TestInstallation installation;
  private static AdminApi server;
  private static ApiClient admin;
  private static final String T = "/1.0/tenants/rules";

  @BeforeAll
  static void start() {
    installation = new TestInstallation();
    server = installation.start();
    admin = installation.admin(server);
    assertThat(admin.post("/1.0/tenants", "{\"id\": \"rules\", \"name\": \"Rules\"}").status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    installation.close();
  }

  @Test
  void anEnabledPatternMustValidateWithLineAndColumn() {
    Response invalid =
        admin.post(
            T + "/patterns",
            "{\"name\": \"p\", \"status\": true, \"when\": \"(event (= a 1))\","
                + " \"then\": \"(send echo mesage {})\"}");
    assertThat(invalid.status()).isEqualTo(400);
    JsonNode error = invalid.json().get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("then");
    assertThat(error.get("line").asInt()).isEqualTo(1);
    assertThat(error.get("column").asInt()).isEqualTo(12);
    assertThat(error.get("message").asText()).contains("mesage");

    Response missingHalf = admin.post(T + "/patterns", "{\"name\": \"p\", \"status\": true}");
    assertThat(missingHalf.status()).isEqualTo(400);
    assertThat(missingHalf.json().get("field").asText()).isEqualTo("when");

    Response draft =
        admin.post(T + "/patterns", "{\"name\": \"draft\", \"when\": \"(event (alOf\"}");
    assertThat(draft.status()).isEqualTo(201);
    assertThat(draft.json().get("status").asBoolean()).isFalse();
    Response enable =
        admin.put(T + "/patterns/" + draft.json().get("id").asText(), "{\"status\": true}");
    assertThat(enable.status()).isEqualTo(400);
    assertThat(
            admin
                .get(T + "/patterns/" + draft.json().get("id").asText())
                .json()
                .get("status")
                .asBoolean())
        .isFalse();
  }

  @Test
  void validateAnswersValidOrEveryError() {
    Response ok =
        admin.post(
            T + "/patterns/validate",
            "{\"when\": \"(event (= type \\\"a\\\"))\", \"then\": \"(send echo message {})\"}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json()).isEqualTo(Json.tree("{\"valid\": true}"));
    Response bad =
        admin.post(
            T + "/patterns/validate",
            "{\"when\": \"(within 1 fortnights (alOf (event (= a 1))))\", \"then\": \"(send echo message {})\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").asText()).isNotBlank();
    assertThat(bad.json().get("errors").size()).isGreaterThanOrEqualTo(2);
    assertThat(bad.json().get("errors").findValuesAsText("field")).containsOnly("when");
  }

  @Test
  void aTemplateThatAValidPatternUsesCannotBeDeleted() {
    String tm =
        admin
            .post(T + "/templates", "{\"name\": \"body\", \"template\": \"{{id}}\"}")
            .json()
            .get("id")
            .asText();
    Response pattern =
        admin.post(
            T + "/patterns",
            "{\"name\": \"uses\", \"status\": true, \"when\": \"(event (= a 1))\","
                + " \"then\": \"(send generic message {} (template {:body +"
                + tm
                + "}))\"}");
    assertThat(pattern.status()).as(pattern.toString()).isEqualTo(201);
    Response refused = admin.delete(T + "/templates/" + tm);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("patterns").get(0).asText())
        .isEqualTo(pattern.json().get("id").asText());
    assertThat(admin.delete(T + "/patterns/" + pattern.json().get("id").asText()).status())
        .isEqualTo(204);
    assertThat(admin.delete(T + "/templates/" + tm).status()).isEqualTo(204);

    Response unparsable =
        admin.post(T + "/templates", "{\"name\": \"bad\", \"template\": \"Hi {{#open}}\"}");
    assertThat(unparsable.status()).isEqualTo(400);
    assertThat(unparsable.json().get("field").asText()).isEqualTo("template");
  }

  @Test
  void putIsPartialAndUnknownFieldsAreRefused() {
    Response created =
        admin.post(
            T + "/templates", "{\"name\": \"n\", \"description\": \"d\", \"template\": \"t\"}");
    String path = T + "/templates/" + created.json().get("id").asText();
    Response changed = admin.put(path, "{\"description\": \"d2\"}");
    assertThat(changed.json())
        .isEqualTo(
            Json.tree(
                "{\"id\": \""
                    + created.json().get("id").asText()
                    + "\", \"name\": \"n\", \"description\": \"d2\", \"template\": \"t\"}"));
    Response unknown = admin.put(path, "{\"colour\": \"red\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("field").asText()).isEqualTo("colour");
    Response wrongType = admin.post(T + "/patterns", "{\"name\": \"p\", \"status\": \"yes\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("field").asText()).isEqualTo("status");
    Response missing = admin.post(T + "/augments", "{\"name\": \"a\", \"type\": \"file\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("field").asText()).isEqualTo("service");
    assertThat(
            admin
                .post(
                    T + "/augments",
                    "{\"name\": \"a\", \"type\": \"ftp\", \"service\": \"engine\"}")
                .json()
                .get("field")
                .asText())
        .isEqualTo("type");
  }

  @Test
  void secretsAreShownOnceAndMaskedAfter() {
    Response created =
        admin.post(T + "/integrations/twilio", "{\"account\": \"AC1\", \"password\": \"tok\"}");
    assertThat(created.json().get("password").asText()).isEqualTo("tok");
    Response changed = admin.put(T + "/integrations/twilio", "{\"from\": \"+1555\"}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("password").asText()).isEqualTo("********");
    assertThat(changed.json().get("from").asText()).isEqualTo("+1555");
    assertThat(admin.get(T + "/integrations/twilio").json().get("password").asText())
        .isEqualTo("********");
    assertThat(admin.put(T + "/integrations/twilio", "{\"sid\": \"x\"}").status()).isEqualTo(400);
    assertThat(admin.post(T + "/integrations/twilio", "{\"type\": \"sendgrid\"}").status())
        .isEqualTo(400);
    assertThat(admin.delete(T + "/integrations/twilio").status()).isEqualTo(204);
    assertThat(admin.get(T + "/integrations/twilio").status()).isEqualTo(404);
    assertThat(admin.get(T + "/integrations/echo").json().get("id").asText()).isEqualTo("echo");
    assertThat(admin.post(T + "/nosuchservice", "{}").status()).isEqualTo(404);

    Response generic =
        admin.post(
            T + "/listeners",
            "{\"name\": \"hook\", \"type\": \"generic\", \"mapping\": {\"id\": \"user.id\"}}");
    assertThat(generic.status()).isEqualTo(201);
    assertThat(generic.json().get("secret").asText()).hasSizeGreaterThan(20);
    assertThat(generic.json().has("secret-hash")).isFalse();
    Response read = admin.get(T + "/listeners/" + generic.json().get("id").asText());
    assertThat(read.json().has("secret")).isFalse();
    assertThat(read.json().has("secret-hash")).isFalse();
    Response nested =
        admin.post(
            T + "/listeners",
            "{\"name\": \"sf\", \"type\": \"salesforce\", \"mapping\": {}, \"options\": {\"topic\": \"T\", \"version\": \"26.0\"}}");
    assertThat(nested.json().get("topic").asText()).isEqualTo("T");
    assertThat(
            admin
                .post(
                    T + "/listeners",
                    "{\"name\": \"x\", \"type\": \"salesforce\", \"mapping\": {}, \"hash\": \"h\"}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void accountsTokensAndRevocation() {
    ApiClient anonymous = new ApiClient(server.port(), null);
    assertThat(anonymous.tokenRequest(TestInstallation.ADMIN_ID, "wrong").status()).isEqualTo(401);
    Response token =
        anonymous.tokenRequest(TestInstallation.ADMIN_ID, TestInstallation.ADMIN_SECRET);
    assertThat(token.json().get("token_type").asText()).isEqualTo("bearer");
    assertThat(token.json().get("expires_in").asLong()).isEqualTo(2592000);
    Response form =
        anonymous.send(
            "POST",
            "/token",
            "application/x-www-form-urlencoded",
            "grant_type=client_credentials&client_id="
                + TestInstallation.ADMIN_ID
                + "&client_secret="
                + TestInstallation.ADMIN_SECRET);
    assertThat(form.status()).isEqualTo(200);
    assertThat(
            anonymous
                .send("POST", "/token", "application/x-www-form-urlencoded", "grant_type=password")
                .status())
        .isEqualTo(400);

    Response user =
        admin.post(
            "/1.0/users",
            "{\"email\": \"ann@rules.example\", \"name\": \"Ann\", \"tenants\": [\"rules\"]}");
    assertThat(user.status()).isEqualTo(201);
    assertThat(admin.post("/1.0/users", "{\"email\": \"ann@rules.example\"}").status())
        .isEqualTo(409);
    assertThat(
            admin
                .post("/1.0/users", "{\"email\": \"bob@rules.example\", \"tenants\": [\"nope\"]}")
                .status())
        .isEqualTo(400);
    ApiClient ann =
        anonymous.withToken(
            anonymous.token(
                user.json().get("client-id").asText(), user.json().get("client-secret").asText()));
    Response account = ann.get("/1.0/account");
    assertThat(account.json())
        .isEqualTo(
            Json.tree(
                "{\"email\": \"ann@rules.example\", \"name\": \"Ann\", \"client-id\": \""
                    + user.json().get("client-id").asText()
                    + "\", \"tenants\": [\"rules\"]}"));
    assertThat(ann.get("/1.0/account/tenants").json())
        .isEqualTo(Json.tree("{\"tenants\": [{\"id\": \"rules\", \"name\": \"Rules\"}]}"));
    assertThat(ann.get("/1.0/tenants").status()).isEqualTo(403);

    assertThat(admin.put("/1.0/users/ann@rules.example", "{\"tenants\": []}").status())
        .isEqualTo(200);
    assertThat(ann.get(T).status()).isEqualTo(403);
    assertThat(admin.put("/1.0/users/ann@rules.example", "{\"tenants\": [\"rules\"]}").status())
        .isEqualTo(200);
    assertThat(ann.get(T).status()).isEqualTo(200);
    assertThat(admin.delete("/1.0/users/ann@rules.example").status()).isEqualTo(204);
    assertThat(ann.get(T).status()).isEqualTo(401);
    assertThat(
            anonymous
                .tokenRequest(
                    user.json().get("client-id").asText(),
                    user.json().get("client-secret").asText())
                .status())
        .isEqualTo(401);
    assertThat(admin.post("/1.0/tenants", "{\"id\": \"rules\", \"name\": \"again\"}").status())
        .isEqualTo(409);
    assertThat(admin.post("/1.0/tenants", "{\"id\": \"no/slash\", \"name\": \"x\"}").status())
        .isEqualTo(400);
  }

  @Test
  void contentTypesAndSizes() {
    assertThat(admin.send("POST", T + "/patterns", "text/plain", "{\"name\": \"p\"}").status())
        .isEqualTo(415);
    assertThat(admin.send("POST", T + "/patterns", null, "{\"name\": \"p\"}").status())
        .isEqualTo(201);
    String huge = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
    Response tooLarge = admin.post(T + "/patterns", huge);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().get("limit").asLong()).isEqualTo(1_048_576);
  }

  @Test
  void aPathJettyRefusesIsAnsweredInJsonOnAClosingConnection() {
    // Jetty refused these before any handler with an HTML page and then dropped the keep-alive
    // connection without a word, so the client's next request on it went unanswered.
    for (String path : List.of("/1.0/tenants/a%00b/listeners", "/1.0/tenants/%2F..%2F/patterns")) {
      RawHttp.Answer answer = RawHttp.post(server.port(), path, "{\"name\": \"n\"}");
      assertThat(answer.status()).as(path).isEqualTo(400);
      assertThat(answer.headers()).as(path).containsEntry("connection", "close");
      assertThat(answer.headers().get("content-type")).startsWith("application/json");
      assertThat(answer.body()).contains("\"error\"", "%00");
    }
  }

  @Test
  void aCallRefusedBeforeItsBodyIsReadIsStillAnswered() {
    // Unread bytes left in a closed connection reset it before the client reads the answer.
    String body = "{\"name\": \"" + "x".repeat(200_000) + "\"}";
    for (int i = 0; i < 10; i++) {
      assertThat(
              admin.send("POST", T + "/patterns", "multipart/form-data; boundary=x", body).status())
          .isEqualTo(415);
      assertThat(
              new ApiClient(server.port(), null).send("POST", T + "/patterns", null, body).status())
          .isEqualTo(401);
      assertThat(admin.send("POST", "/1.0/tenants/nosuch/patterns", null, body).status())
          .isEqualTo(404);
    }
  }

  @Test
  void healthReadinessMetricsAndTickets() {
    ApiClient anonymous = new ApiClient(server.port(), null);
    assertThat(anonymous.get("/health").status()).isEqualTo(200);
    Response ready = anonymous.get("/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("kafka").asBoolean()).isTrue();
    Response metrics = anonymous.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("cx_admin_http_requests_total");

    String ticket = admin.post(T + "/ticket", "").json().get("ticket").asText();
    assertThat(server.tickets().redeem(ticket, "10.9.9.9")).isEmpty();
    assertThat(server.tickets().redeem(ticket, "127.0.0.1"))
        .hasValueSatisfying(g -> assertThat(g.tenant()).isEqualTo("rules"));
    assertThat(server.tickets().redeem(ticket, "127.0.0.1")).isEmpty();
  }
}
