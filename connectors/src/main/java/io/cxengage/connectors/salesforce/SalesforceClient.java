package io.cxengage.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.dispatch.Credentials;
import io.cxengage.connectors.dispatch.HttpOutcomes;
import io.cxengage.connectors.dispatch.RetryAfter;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The two calls of the Salesforce REST API that dispatching needs, on the JDK's HTTP client: the
 * OAuth 2.0 username-password login ({@code POST /services/oauth2/token}) and the creation of a
 * record ({@code POST /services/data/vXX.X/sobjects/{type}/}).
 */
final class SalesforceClient {

  private final HttpClient http;
  private final URI loginUrl;
  private final String apiVersion;
  private final Duration timeout;
  private final Clock clock;

  SalesforceClient(URI loginUrl, String apiVersion, Duration timeout, Clock clock) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.loginUrl = loginUrl;
    this.apiVersion = apiVersion;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * The login form from the tenant's connected app and user; the password sent is the user's
   * password followed by the security token, as the flow requires.
   *
   * @throws io.cxengage.connectors.dispatch.InvalidSendException when a field is missing
   */
  static Map<String, String> loginForm(Credentials credentials) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", credentials.required("consumer-key"));
    form.put("client_secret", credentials.required("consumer-secret"));
    form.put("username", credentials.required("username"));
    form.put(
        "password",
        credentials.required("password") + credentials.optional("secret-token").orElse(""));
    return form;
  }

  /**
   * Logs in with the {@link #loginForm}.
   *
   * @throws CallFailed when Salesforce refuses (bad credentials are permanent)
   */
  SalesforceSession login(Map<String, String> form) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(resolve(loginUrl, "/services/oauth2/token"))
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (!HttpOutcomes.isSuccess(response.statusCode())) {
      throw new CallFailed(failure(response, "salesforce login"));
    }
    JsonNode body = parse(response.body());
    String token = body.path("access_token").asText("");
    String instance = body.path("instance_url").asText("");
    if (token.isEmpty() || instance.isEmpty()) {
      throw new CallFailed(
          HttpOutcomes.failure(
              502, "salesforce login", "no access_token or instance_url in the answer", null));
    }
    return new SalesforceSession(token, URI.create(instance));
  }

  /** Creates one record; the response is returned whatever its status. */
  HttpResponse<String> create(SalesforceSession session, String sobject, String jsonBody)
      throws IOException, InterruptedException {
    URI uri =
        resolve(
            session.instanceUrl(), "/services/data/" + apiVersion + "/sobjects/" + sobject + "/");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Authorization", "Bearer " + session.accessToken())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A non-2xx response as a result, with Salesforce's error body and any Retry-After. */
  io.cxengage.connectors.dispatch.SendResult failure(HttpResponse<String> response, String what) {
    Duration retryAfter =
        response
            .headers()
            .firstValue("Retry-After")
            .map(v -> RetryAfter.parse(v, clock))
            .orElse(null);
    return HttpOutcomes.failure(response.statusCode(), what, response.body(), retryAfter);
  }

  static JsonNode parse(String body) {
    try {
      return Json.mapper().readTree(body == null ? "" : body);
    } catch (IOException e) {
      throw new UncheckedIOException("salesforce answered with invalid JSON", e);
    }
  }

  private static URI resolve(URI base, String path) {
    return URI.create(base.toString().replaceAll("/+$", "") + path);
  }

  private static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
