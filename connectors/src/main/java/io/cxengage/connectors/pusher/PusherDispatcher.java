package io.cxengage.connectors.pusher;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.Result;
import io.cxengage.connectors.dispatch.BlockingCalls;
import io.cxengage.connectors.dispatch.ClientCache;
import io.cxengage.connectors.dispatch.Credentials;
import io.cxengage.connectors.dispatch.Dispatcher;
import io.cxengage.connectors.dispatch.HttpOutcomes;
import io.cxengage.connectors.dispatch.InvalidSendException;
import io.cxengage.connectors.dispatch.Params;
import io.cxengage.connectors.dispatch.RetryAfter;
import io.cxengage.connectors.dispatch.SendRequest;
import io.cxengage.connectors.dispatch.SendResult;
import io.cxengage.connectors.dispatch.ServiceEndpoints;
import io.cxengage.connectors.json.Json;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.http.Header;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * Sends {@code pusher event} through {@code pusher-http-java}: {@code POST /apps/{app_id}/events},
 * signed with the app's key and secret. One {@link Pusher} per tenant app, all sharing one
 * connection pool. The event's data is the {@code message} param as given, or else the other params
 * (all but {@code channel} and {@code event}) as a JSON object.
 *
 * <p>The synchronous client is used rather than {@code PusherAsync}, which starts its own Netty
 * event loop per app; a blocking call on the dispatcher's bounded pool costs one thread at most.
 */
public final class PusherDispatcher implements Dispatcher {

  public static final String INTEGRATION = "pusher";

  /** Pusher's default cluster, for integrations saved without one. */
  static final String DEFAULT_CLUSTER = "mt1";

  private final ServiceEndpoints endpoints;
  private final PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
  private final ResponseHeaders responseHeaders = new ResponseHeaders();
  private final ClientCache<Pusher> clients = new ClientCache<>(PusherDispatcher::closeQuietly);
  private final BlockingCalls calls;
  private final Clock clock;

  public PusherDispatcher(ServiceEndpoints endpoints, Clock clock) {
    this.endpoints = endpoints;
    this.pool.setMaxTotal(endpoints.threadsPerService());
    this.pool.setDefaultMaxPerRoute(endpoints.threadsPerService());
    this.calls = BlockingCalls.forService(INTEGRATION, endpoints, 2);
    this.clock = clock;
  }

  @Override
  public String integration() {
    return INTEGRATION;
  }

  @Override
  public CompletableFuture<SendResult> send(SendRequest request) {
    String what = "pusher " + request.action();
    return calls.send(request, what, () -> sendNow(request, what));
  }

  private SendResult sendNow(SendRequest request, String what) {
    if (!"event".equals(request.action())) {
      throw new InvalidSendException("pusher has no action '" + request.action() + "'; use event");
    }
    Params params = new Params(request);
    Credentials credentials = Credentials.of(request);
    String channel = params.required("channel");
    String event = params.required("event");
    Object data =
        params
            .optional("message")
            .<Object>map(m -> m)
            .orElseGet(() -> params.without("channel", "event"));
    String appId = credentials.required("app-id");
    String key = credentials.required("key");
    String secret = credentials.required("secret");
    String cluster = credentials.optional("cluster").orElse(DEFAULT_CLUSTER);
    Pusher pusher =
        clients.get(
            request.tenant(), request.credentials(), () -> newPusher(appId, key, secret, cluster));

    Result result;
    responseHeaders.forgetOnThisThread();
    try {
      result = pusher.trigger(channel, event, data);
    } catch (IllegalArgumentException invalid) {
      // The SDK validates channel and event names before sending.
      throw new InvalidSendException(invalid.getMessage());
    }
    Integer status = result.getHttpStatus();
    if (status == null) {
      return HttpOutcomes.failure(what, new java.io.IOException(result.getMessage()));
    }
    if (HttpOutcomes.isSuccess(status)) {
      return SendResult.sent(status, null);
    }
    Header retryAfter = responseHeaders.lastOnThisThread("Retry-After");
    return HttpOutcomes.failure(
        status,
        what,
        result.getMessage(),
        retryAfter == null ? null : RetryAfter.parse(retryAfter.getValue(), clock));
  }

  private Pusher newPusher(String appId, String key, String secret, String cluster) {
    Pusher pusher = new Pusher(appId, key, secret);
    pusher.setHost(endpoints.pusherHostFor(cluster));
    pusher.setEncrypted("https".equals(endpoints.pusherScheme()));
    pusher.setRequestTimeout(Math.toIntExact(endpoints.requestTimeout().toMillis()));
    // Strings are the event data as they are; anything else is JSON (the SDK would quote a string).
    pusher.setDataMarshaller(data -> data instanceof String text ? text : Json.write(data));
    pusher.configureHttpClient(
        Pusher.defaultHttpClientBuilder()
            .setConnectionManager(pool)
            .setConnectionManagerShared(true)
            .disableAutomaticRetries()
            .addInterceptorLast(responseHeaders));
    return pusher;
  }

  private static void closeQuietly(Pusher pusher) {
    try {
      pusher.close();
    } catch (Exception ignored) {
      // Only its view of the shared pool closes; nothing is lost.
    }
  }

  @Override
  public void close() {
    calls.close();
    clients.close();
    pool.close();
  }
}
