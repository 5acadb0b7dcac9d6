package io.cxengage.connectors.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The Twilio SDK's transport, replaced. The SDK builds each request (path, form fields, Basic auth)
 * and parses each response; this class only carries it, for three reasons: the SDK hard-codes
 * {@code https://api.twilio.com} while tests need a local fake ({@link #base} replaces scheme, host
 * and port); the SDK's own {@code NetworkHttpClient} overrides any configured connect timeout with
 * its 30.5 s default on every request; and it retries 5xx itself with a fixed 100 ms pause, where
 * our {@code RetryPolicy} backs off and honours {@code Retry-After}.
 *
 * <p>The last response is kept per thread, because the SDK turns an error response into an
 * exception without its headers; the dispatcher, on the same thread, reads {@code Retry-After} from
 * it.
 */
final class TwilioTransport extends HttpClient {

  private final URI base;
  private final Duration timeout;
  private final java.net.http.HttpClient http;
  private final ThreadLocal<Response> lastResponse = new ThreadLocal<>();

  TwilioTransport(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();
  }

  /** One try only: retries are the job's, with backoff. */
  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response reliableRequest(
      Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    lastResponse.remove();
    HttpRequest.Builder http =
        HttpRequest.newBuilder(rebase(request.constructURL()))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "cxengage-dispatcher twilio-java");
    if (request.requiresAuthentication()) {
      http.header("Authorization", request.getAuthString());
    }
    request
        .getHeaderParams()
        .forEach((name, values) -> values.forEach(value -> http.header(name, value)));
    if (request.getMethod() == HttpMethod.GET) {
      http.GET();
    } else {
      http.header("Content-Type", "application/x-www-form-urlencoded")
          .method(
              request.getMethod().toString(),
              HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
    }
    try {
      HttpResponse<String> response =
          this.http.send(http.build(), HttpResponse.BodyHandlers.ofString());
      Header[] headers =
          response.headers().map().entrySet().stream()
              .flatMap(e -> e.getValue().stream().map(v -> new BasicHeader(e.getKey(), v)))
              .toArray(Header[]::new);
      Response result = new Response(response.body(), response.statusCode(), headers);
      lastResponse.set(result);
      return result;
    } catch (IOException e) {
      throw new ApiConnectionException("Twilio request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("Twilio request interrupted", e);
    }
  }

  /** The response this thread received last, if its request got one. */
  Optional<Response> lastResponseOnThisThread() {
    return Optional.ofNullable(lastResponse.get());
  }

  /** The SDK's URL with scheme, host and port taken from {@link #base}. */
  private URI rebase(URL url) {
    String path = url.getPath();
    String query = url.getQuery() == null ? "" : "?" + url.getQuery();
    return URI.create(base.toString().replaceAll("/+$", "") + path + query);
  }
}
