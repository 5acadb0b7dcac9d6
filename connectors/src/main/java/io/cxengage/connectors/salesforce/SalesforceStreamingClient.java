package io.cxengage.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.listeners.Backoff;
import io.cxengage.connectors.listeners.ListenerClient;
import io.cxengage.connectors.listeners.ListenerSink;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cometd.bayeux.Channel;
import org.cometd.bayeux.Message;
import org.cometd.bayeux.client.ClientSessionChannel;
import org.cometd.client.BayeuxClient;
import org.eclipse.jetty.client.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One salesforce listener's subscription to a PushTopic over the Streaming API (Bayeux/CometD long
 * polling at {@code {instance}/cometd/{version}}).
 *
 * <p>A <em>session</em> is: OAuth login, a new {@link BayeuxClient} with the token on every
 * request, handshake, subscribe to {@code /topic/{topic}}. CometD itself retries a failed long poll
 * (a dropped connection). A new session starts, after a backoff, when Salesforce answers 401 or 403
 * (an expired token, or {@code 403::Unknown client} once the server has forgotten the client: both
 * need a new login and handshake), when the handshake or the subscription fails, or when the login
 * fails. The {@link ReplayExtension} outlives sessions, so a new subscription continues after the
 * last event handed on (API 37.0 and later).
 */
public final class SalesforceStreamingClient implements ListenerClient {

  private static final Logger LOG = LoggerFactory.getLogger(SalesforceStreamingClient.class);
  private static final long DISCONNECT_WAIT_MS = 1000;

  private final String channel;
  private final ApiVersion version;
  private final Map<String, String> loginForm;
  private final SalesforceClient login;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final ListenerSink sink;
  private final ReplayExtension replay;
  private final Duration backoffMax;

  // Guarded by this. Callbacks of an older session compare their generation and stand down.
  private BayeuxClient bayeux;
  private int generation;
  private boolean closed;
  private boolean reconnecting;

  SalesforceStreamingClient(
      String channel,
      ApiVersion version,
      Map<String, String> loginForm,
      SalesforceClient login,
      HttpClient http,
      ScheduledExecutorService scheduler,
      Backoff backoff,
      Duration backoffMax,
      ListenerSink sink) {
    this.channel = channel;
    this.version = version;
    this.loginForm = loginForm;
    this.login = login;
    this.http = http;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.sink = sink;
    this.replay = version.supportsReplay() ? new ReplayExtension(channel) : null;
    this.backoffMax = backoffMax;
  }

  @Override
  public void start() {
    scheduleSession(Duration.ZERO);
  }

  /** The replay id the next subscription would continue after; -1 before any event. */
  public long lastReplayId() {
    return replay == null ? ReplayExtension.NEW_EVENTS_ONLY : replay.lastReplayId();
  }

  private synchronized void scheduleSession(Duration delay) {
    if (closed) {
      return;
    }
    int session = ++generation;
    scheduler.schedule(
        () -> {
          try {
            openSession(session);
          } catch (RuntimeException | LinkageError e) {
            // Never lose a session silently on a scheduler thread.
            LOG.error("salesforce listener on {}: the session could not open", channel, e);
            retry(session, "the Streaming API client failed: " + e);
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private synchronized boolean current(int session) {
    return !closed && session == generation;
  }

  private void openSession(int session) {
    if (!current(session)) {
      return;
    }
    SalesforceSession oauth;
    try {
      oauth = login.login(loginForm);
    } catch (CallFailed refused) {
      retry(session, refused.getMessage());
      return;
    } catch (IOException | RuntimeException e) {
      retry(session, "salesforce login failed: " + e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    String url = oauth.instanceUrl().toString().replaceAll("/+$", "") + "/cometd/" + version;
    BayeuxClient client =
        new BayeuxClient(
            url,
            scheduler,
            new BearerTransport(url, new HashMap<>(), scheduler, http, oauth.accessToken()));
    client.setBackOffStrategy(new BayeuxClient.BackOffStrategy.Linear(500, backoffMax.toMillis()));
    if (replay != null) {
      client.addExtension(replay);
    }
    client
        .getChannel(Channel.META_HANDSHAKE)
        .addListener((ClientSessionChannel.MessageListener) (c, m) -> onHandshake(session, m));
    client
        .getChannel(Channel.META_CONNECT)
        .addListener((ClientSessionChannel.MessageListener) (c, m) -> onConnect(session, m));
    synchronized (this) {
      if (!current(session)) {
        return;
      }
      bayeux = client;
    }
    client.handshake(
        reply -> {
          if (reply.isSuccessful()) {
            client
                .getChannel(channel)
                .subscribe(
                    (c, message) -> onEvent(message),
                    subscribed -> onSubscribe(session, subscribed));
          }
        });
  }

  private void onHandshake(int session, Message reply) {
    if (reply.isSuccessful() || !current(session)) {
      return;
    }
    retry(session, "salesforce refused the handshake: " + describe(reply));
  }

  private void onSubscribe(int session, Message reply) {
    if (!current(session)) {
      return;
    }
    if (reply.isSuccessful()) {
      synchronized (this) {
        backoff.reset();
        reconnecting = false;
      }
      sink.started(subscribedMessage());
    } else {
      retry(session, "salesforce refused the subscription to " + channel + ": " + describe(reply));
    }
  }

  private void onConnect(int session, Message reply) {
    if (!current(session)) {
      return;
    }
    if (reply.isSuccessful()) {
      boolean resumed;
      synchronized (this) {
        resumed = reconnecting;
        reconnecting = false;
      }
      if (resumed) {
        sink.started(subscribedMessage());
      }
      return;
    }
    if (needsNewSession(reply)) {
      // An expired token or a forgotten client: CometD would retry with the same token forever.
      restart(session, null);
      return;
    }
    boolean first;
    synchronized (this) {
      first = !reconnecting;
      reconnecting = true;
    }
    if (first) {
      // CometD retries the long poll itself, with its backoff; say so once per outage.
      sink.started("connection to salesforce lost (" + describe(reply) + "); reconnecting");
    }
  }

  private void onEvent(Message message) {
    JsonNode data = Json.mapper().valueToTree(message.getDataAsMap());
    // PushTopic events carry the record as sobject; platform and change events as payload.
    JsonNode record = data.has("sobject") ? data.get("sobject") : data.path("payload");
    sink.record(record.isMissingNode() ? data : record);
    JsonNode replayId = data.path("event").path("replayId");
    if (replay != null && replayId.canConvertToLong()) {
      replay.seen(replayId.asLong());
    }
  }

  /** Reports the failure and starts a new session after the backoff. */
  private void retry(int session, String reason) {
    if (!current(session)) {
      return;
    }
    sink.failed(reason);
    restart(session, reason);
  }

  private void restart(int session, String reason) {
    BayeuxClient old;
    Duration wait;
    synchronized (this) {
      if (!current(session)) {
        return;
      }
      old = bayeux;
      bayeux = null;
      wait = backoff.next();
    }
    LOG.info(
        "salesforce listener on {}: new session in {} ms{}",
        channel,
        wait.toMillis(),
        reason == null ? " (401/403)" : ": " + reason);
    scheduleSession(wait);
    if (old != null) {
      scheduler.execute(old::abort);
    }
  }

  private String subscribedMessage() {
    String message = "subscribed to " + channel + " (API " + version + ")";
    return version.retirementWarning().map(w -> message + "; warning: " + w).orElse(message);
  }

  /** Whether Salesforce wants a new login and handshake: HTTP or Bayeux 401/403. */
  static boolean needsNewSession(Message reply) {
    Object error = reply.get(Message.ERROR_FIELD);
    if (error instanceof String text && (text.startsWith("401") || text.startsWith("403"))) {
      return true;
    }
    Integer status = httpStatus(reply);
    return status != null && (status == 401 || status == 403);
  }

  private static Integer httpStatus(Message reply) {
    if (reply.get("failure") instanceof Map<?, ?> failure) {
      if (failure.get("httpCode") instanceof Number code) {
        return code.intValue();
      }
      if (failure.get("exception") instanceof org.cometd.common.TransportException te
          && te.getFields().get("httpCode") instanceof Number code) {
        return code.intValue();
      }
    }
    return null;
  }

  private static String describe(Message reply) {
    Object error = reply.get(Message.ERROR_FIELD);
    if (error != null) {
      return error.toString();
    }
    Integer status = httpStatus(reply);
    if (status != null) {
      return "HTTP " + status;
    }
    if (reply.get("failure") instanceof Map<?, ?> failure
        && failure.get("exception") instanceof Throwable t) {
      return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
    return "no reason given";
  }

  @Override
  public void close() {
    BayeuxClient client;
    synchronized (this) {
      closed = true;
      client = bayeux;
      bayeux = null;
    }
    if (client != null && !client.disconnect(DISCONNECT_WAIT_MS)) {
      client.abort();
    }
  }
}
