package io.cxengage.connectors.sendgrid;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import io.cxengage.connectors.dispatch.BlockingCalls;
import io.cxengage.connectors.dispatch.ClientCache;
import io.cxengage.connectors.dispatch.Credentials;
import io.cxengage.connectors.dispatch.Dispatcher;
import io.cxengage.connectors.dispatch.HttpOutcomes;
import io.cxengage.connectors.dispatch.InvalidSendException;
import io.cxengage.connectors.dispatch.RetryAfter;
import io.cxengage.connectors.dispatch.SendRequest;
import io.cxengage.connectors.dispatch.SendResult;
import io.cxengage.connectors.dispatch.ServiceEndpoints;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * Sends {@code sendgrid email} through {@code sendgrid-java}: {@code POST /v3/mail/send} with the
 * tenant's API key. One {@link SendGrid} per tenant key, all sharing one pooled HTTP client whose
 * timeouts come from {@link ServiceEndpoints#requestTimeout()}.
 */
public final class SendgridDispatcher implements Dispatcher {

  public static final String INTEGRATION = "sendgrid";

  private final CloseableHttpClient http;
  private final Client client;
  private final String host;
  private final ClientCache<SendGrid> clients;
  private final BlockingCalls calls;
  private final Clock clock;

  public SendgridDispatcher(ServiceEndpoints endpoints, Clock clock) {
    int timeoutMillis = Math.toIntExact(endpoints.requestTimeout().toMillis());
    this.http =
        HttpClients.custom()
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectTimeout(timeoutMillis)
                    .setSocketTimeout(timeoutMillis)
                    .setConnectionRequestTimeout(timeoutMillis)
                    .build())
            .setMaxConnPerRoute(endpoints.threadsPerService())
            .setMaxConnTotal(endpoints.threadsPerService())
            .disableAutomaticRetries()
            .build();
    URI base = endpoints.sendgrid();
    // The SDK's Client speaks http only in its "test" mode, and takes the host without a scheme.
    this.client = new Client(http, "http".equals(base.getScheme()));
    this.host = base.getPort() == -1 ? base.getHost() : base.getHost() + ":" + base.getPort();
    this.clients = new ClientCache<>(sendGrid -> {});
    this.calls = BlockingCalls.forService(INTEGRATION, endpoints, 2);
    this.clock = clock;
  }

  @Override
  public String integration() {
    return INTEGRATION;
  }

  @Override
  public CompletableFuture<SendResult> send(SendRequest request) {
    String what = "sendgrid " + request.action();
    return calls.send(request, what, () -> sendNow(request, what));
  }

  private SendResult sendNow(SendRequest request, String what) throws IOException {
    if (!"email".equals(request.action())) {
      throw new InvalidSendException(
          "sendgrid has no action '" + request.action() + "'; use email");
    }
    Credentials credentials = Credentials.of(request);
    // "api-key" when the integration has one; else "password", which api.md defines as the key.
    String apiKey =
        credentials.optional("api-key").orElseGet(() -> credentials.required("password"));
    String body = SendgridMail.from(request, credentials).build();
    SendGrid sendGrid =
        clients.get(request.tenant(), request.credentials(), () -> newSendGrid(apiKey));
    Request call = new Request();
    call.setMethod(Method.POST);
    call.setEndpoint("mail/send");
    call.setBody(body);
    Response response = sendGrid.api(call);
    int status = response.getStatusCode();
    if (HttpOutcomes.isSuccess(status)) {
      return SendResult.sent(status, header(response.getHeaders(), "X-Message-Id"));
    }
    return HttpOutcomes.failure(
        status, what, response.getBody(), retryAfter(response.getHeaders()));
  }

  private SendGrid newSendGrid(String apiKey) {
    SendGrid sendGrid = new SendGrid(apiKey, client);
    sendGrid.setHost(host);
    return sendGrid;
  }

  private Duration retryAfter(Map<String, String> headers) {
    Duration retryAfter = RetryAfter.parse(header(headers, "Retry-After"), clock);
    return retryAfter != null
        ? retryAfter
        : RetryAfter.untilEpochSeconds(header(headers, "X-RateLimit-Reset"), clock);
  }

  /** The SDK keeps headers as received; HTTP names are case-insensitive. */
  private static String header(Map<String, String> headers, String name) {
    if (headers == null) {
      return null;
    }
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  @Override
  public void close() {
    calls.close();
    clients.close();
    try {
      http.close();
    } catch (IOException ignored) {
      // Closing idle connections; nothing is lost.
    }
  }
}
