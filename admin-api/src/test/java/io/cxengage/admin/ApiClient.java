package io.cxengage.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A real HTTP client for one admin API instance, with an optional bearer token. */
public final class ApiClient {

  /** An answer: status, body text and headers. */
  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      return Json.tree(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;
  private final String token;

  public ApiClient(int port, String token) {
    this("http://127.0.0.1:" + port, token);
  }

  private ApiClient(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public ApiClient withToken(String newToken) {
    return new ApiClient(base, newToken);
  }

  /** The bearer token this client sends, or null. */
  public String bearerToken() {
    return token;
  }

  public String base() {
    return base;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response put(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json; charset=utf-8")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A request with any method, content type (null for none) and body (null for none). */
  public Response send(String method, String path, String contentType, String body) {
    HttpRequest.Builder builder = request(path);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return send(builder);
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Exchanges client credentials for a token (Basic auth, form body), as the docs say. */
  public String token(String clientId, String clientSecret) {
    Response response = tokenRequest(clientId, clientSecret);
    if (response.status() != 200) {
      throw new IllegalStateException("token request failed: " + response);
    }
    return response.json().get("access_token").asText();
  }

  public Response tokenRequest(String clientId, String clientSecret) {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(URI.create(base + "/1.0/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
  }
}
