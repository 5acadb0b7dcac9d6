package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.admin.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code /openapi.json} true: every operation the server routes is described, and every
 * described operation is answered by a route (not the "no such route" 404).
 */
class OpenApiITCase {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
  private static TestInstallation installation;
  private static AdminApi server;
  private static ApiClient admin;

  @BeforeAll
  static void start() {
    installation = new TestInstallation();
    server = installation.start();
    admin = installation.admin(server);
  }

  @AfterAll
  static void stop() {
    installation.close();
  }

  @Test
  void describesExactlyTheOperationsTheServerRoutes() {
    Response r = new ApiClient(server.port(), null).get("/openapi.json");
    assertThat(r.status()).isEqualTo(200);
    JsonNode document = r.json();
    assertThat(document.get("openapi").asText()).startsWith("3.");
    Set<String> described = new TreeSet<>(described(document));
    Set<String> served = new TreeSet<>(server.servedOperations());
    assertThat(described).isEqualTo(served);
    assertThat(described)
        .contains(
            "POST /1.0/token",
            "GET /tenants/{tenant}/key-attribute",
            "POST /tenants/{tenant}/augment",
            "POST /1.0/tenants/{tenant}/{type}",
            "POST /1.0/tenants/{tenant}/augments/{id}/file",
            "POST /1.0/tenants/{tenant}/ticket",
            "GET /1.0/stream/{ticket}",
            "GET /stream/{ticket}",
            "GET /health",
            "GET /openapi.json");
  }

  @Test
  void everyDescribedOperationIsAnsweredByARoute() {
    JsonNode document = new ApiClient(server.port(), null).get("/openapi.json").json();
    for (String operation : described(document)) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path =
          operation
              .substring(operation.indexOf(' ') + 1)
              .replace("{tenant}", "t")
              .replace("{id}", "X1")
              .replace("{type}", "twilio")
              .replace("{ticket}", "no-such-ticket")
              .replace("{email}", "a@b.example");
      Response r = admin.send(method, path, null, null);
      assertThat(r.body()).as(operation).doesNotContain("no such route");
    }
    Response unknown = admin.get("/1.0/nothing/here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asText()).startsWith("no such route");
  }

  @Test
  void everyOperationNamesItsAnswersAndParameters() {
    JsonNode paths = new ApiClient(server.port(), null).get("/openapi.json").json().get("paths");
    paths
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          JsonNode operation = op.getValue();
                          assertThat(operation.get("responses").size())
                              .as(path.getKey())
                              .isPositive();
                          long placeholders = path.getKey().chars().filter(c -> c == '{').count();
                          assertThat(operation.get("parameters").size())
                              .as(path.getKey())
                              .isEqualTo((int) placeholders);
                        }));
  }

  private static List<String> described(JsonNode document) {
    List<String> operations = new ArrayList<>();
    document
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    return operations;
  }
}
