package io.cxengage.bench.admin;

import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The benches' client of the admin API over real HTTP/1.1 on 127.0.0.1: a bearer token for the
 * bootstrap admin, then JSON calls. Set-up calls that fail stop the bench with the server's answer.
 */
public final class AdminClient {

  private final HttpClient http;
  private final String base;
  private final String token;

  private AdminClient(HttpClient http, String base, String token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  /** Logs in as the bootstrap admin {@code id}/{@code secret} of the server on {@code port}. */
  public static AdminClient login(HttpClient http, int port, String id, String secret)
      throws IOException, InterruptedException {
    String base = "http://127.0.0.1:" + port;
    String basic =
        Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/1.0/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(200, response);
    return new AdminClient(
        http, base, Json.mapper().readTree(response.body()).path("access_token").asText());
  }

  public String base() {
    return base;
  }

  public String token() {
    return token;
  }

  /** A request to {@code path} with the bearer token. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token);
  }

  /** POSTs {@code json}, expects 201 and returns the body. */
  public String create(String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(201, response);
    return response.body();
  }

  /** DELETEs {@code path}, expects 204. */
  public void delete(String path) throws IOException, InterruptedException {
    expect(204, http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** Creates a tenant whose events are keyed by their {@code id} attribute (the default). */
  public void createTenant(String tenant) throws IOException, InterruptedException {
    create("/1.0/tenants", "{\"id\": \"" + tenant + "\", \"name\": \"" + tenant + "\"}");
  }

  /** Creates an active pattern and returns its id. */
  public String createPattern(String tenant, String name, String when, String then)
      throws IOException, InterruptedException {
    var body = Json.mapper().createObjectNode();
    body.put("name", name).put("status", true).put("when", when).put("then", then);
    String created =
        create("/1.0/tenants/" + tenant + "/patterns", Json.mapper().writeValueAsString(body));
    return Json.mapper().readTree(created).path("id").asText();
  }

  private static void expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.uri().getPath()
              + " answered "
              + response.statusCode()
              + " (expected "
              + status
              + "): "
              + response.body());
    }
  }
}
