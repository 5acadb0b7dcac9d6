package io.cxengage.connectors.salesforce;

import io.cxengage.connectors.dispatch.Credentials;
import io.cxengage.connectors.listeners.Backoff;
import io.cxengage.connectors.listeners.ListenerClient;
import io.cxengage.connectors.listeners.ListenerSink;
import io.cxengage.connectors.listeners.ListenerSpec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * What every Salesforce listener of a runner shares: the OAuth login (the dispatcher's {@link
 * SalesforceClient}), one Jetty {@link HttpClient} for the CometD long polls, and the scheduler for
 * retries. {@link #client} makes one {@link SalesforceStreamingClient} per listener.
 */
public final class SalesforceStreaming implements AutoCloseable {

  private final SalesforceClient login;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Duration backoffMin;
  private final Duration backoffMax;

  /**
   * @param loginUrl where the OAuth username-password login goes ({@code
   *     https://login.salesforce.com}, or a fake in tests)
   * @param requestTimeout limit of the login request and of connecting
   * @param backoffMin first wait before retrying a failed login, handshake or subscription
   * @param backoffMax longest such wait
   */
  public SalesforceStreaming(
      URI loginUrl,
      Duration requestTimeout,
      Duration backoffMin,
      Duration backoffMax,
      ScheduledExecutorService scheduler) {
    this.login =
        new SalesforceClient(loginUrl, "v" + ApiVersion.DEFAULT, requestTimeout, Clock.systemUTC());
    this.scheduler = scheduler;
    this.backoffMin = backoffMin;
    this.backoffMax = backoffMax;
    QueuedThreadPool threads = new QueuedThreadPool(64, 2);
    threads.setName("cx-salesforce-streaming");
    this.http = new HttpClient();
    http.setExecutor(threads);
    http.setConnectTimeout(requestTimeout.toMillis());
    try {
      http.start();
      // A 401 must reach CometD as a status, so the client logs in again. Jetty's authentication
      // handler (installed by start) would turn a 401 without a WWW-Authenticate challenge into a
      // protocol error instead.
      http.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP client of the Streaming API", e);
    }
  }

  /**
   * A client for one salesforce listener.
   *
   * @throws IllegalArgumentException when the listener or the tenant's integration lacks what the
   *     Streaming API needs (the message says what)
   */
  public ListenerClient client(ListenerSpec spec, ListenerSink sink) {
    String topic = spec.listener().topic();
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException(
          "a salesforce listener needs a topic: the name of its PushTopic");
    }
    ApiVersion version = ApiVersion.parse(spec.listener().version());
    Map<String, String> loginForm =
        SalesforceClient.loginForm(
            Credentials.of(spec.key().tenant(), "salesforce", spec.credentials()));
    return new SalesforceStreamingClient(
        "/topic/" + topic.trim(),
        version,
        loginForm,
        login,
        http,
        scheduler,
        new Backoff(backoffMin, backoffMax),
        backoffMax,
        sink);
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      // stopping frees threads and sockets; nothing to do if it fails
    }
  }
}
