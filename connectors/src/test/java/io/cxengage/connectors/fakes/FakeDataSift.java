package io.cxengage.connectors.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * DataSift's streaming WebSocket API on a local Jetty server: {@code ws://127.0.0.1:port/multi?
 * username=...&api_key=...} (401 before the upgrade for another account), then per socket the
 * actions {@code {"action": "subscribe" | "unsubscribe", "hash"}}, answered {@code {"status":
 * "success", "message", "hash"}} (or {@code "failure"} for a hash refused by {@link
 * #refuse(String)}). The test pushes interactions, deletions, ticks and warnings, and can {@link
 * #dropAll() drop} every connection without a close frame.
 */
public final class FakeDataSift implements AutoCloseable {

  private final String username;
  private final String apiKey;
  private final Server server;
  private final Map<Session, Set<String>> sockets = new ConcurrentHashMap<>();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final List<JsonNode> actions = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  public FakeDataSift(String username, String apiKey) {
    this.username = username;
    this.apiKey = apiKey;
    this.server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ContextHandler context = new ContextHandler("/");
    context.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            context,
            container ->
                container.addMapping(
                    "/multi",
                    (request, response, callback) -> {
                      Map<String, String> query =
                          FakeServer.Received.decodeForm(request.getHttpURI().getQuery());
                      if (!username.equals(query.get("username"))
                          || !apiKey.equals(query.get("api_key"))) {
                        Response.writeError(request, response, callback, 401, "bad credentials");
                        return null;
                      }
                      connections.incrementAndGet();
                      return new Socket();
                    })));
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the fake DataSift server", e);
    }
  }

  /** The endpoint, {@code ws://127.0.0.1:port/multi}. */
  public URI uri() {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    return URI.create("ws://127.0.0.1:" + port + "/multi");
  }

  /** An interaction on the stream of {@code hash}, to every socket subscribed to it. */
  public void interaction(String hash, ObjectNode data) {
    ObjectNode message = Json.mapper().createObjectNode().put("hash", hash);
    message.set("data", data);
    toSubscribers(hash, message);
  }

  /** A deletion notice for an earlier interaction. */
  public void deletion(String hash, String interactionId) {
    ObjectNode message = Json.mapper().createObjectNode().put("hash", hash);
    ObjectNode data = message.putObject("data").put("deleted", true);
    data.putObject("interaction").put("id", interactionId);
    toSubscribers(hash, message);
  }

  /** A keep-alive to every socket. */
  public void tick() {
    String tick = "{\"tick\":" + System.currentTimeMillis() / 1000 + "}";
    sockets.keySet().forEach(s -> s.sendText(tick, Callback.NOOP));
  }

  /** A warning to every socket subscribed to the hash. */
  public void warning(String hash, String text) {
    toSubscribers(
        hash,
        Json.mapper()
            .createObjectNode()
            .put("status", "warning")
            .put("message", text)
            .put("hash", hash));
  }

  /** Subscriptions to the hash fail from now on. */
  public void refuse(String hash) {
    refused.add(hash);
  }

  /** Cuts every connection without a close frame. */
  public void dropAll() {
    sockets.keySet().forEach(Session::disconnect);
  }

  /** How many open sockets subscribe to the hash. */
  public long subscribers(String hash) {
    return sockets.values().stream().filter(s -> s.contains(hash)).count();
  }

  /** Every action received, in order. */
  public List<JsonNode> actions() {
    return List.copyOf(actions);
  }

  /** How many connections were accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void toSubscribers(String hash, JsonNode message) {
    String text = message.toString();
    sockets.forEach(
        (session, hashes) -> {
          if (hashes.contains(hash)) {
            session.sendText(text, Callback.NOOP);
          }
        });
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // the test is over
    }
  }

  /** One client connection (public: Jetty calls its methods through method handles). */
  public final class Socket implements Session.Listener.AutoDemanding {

    private Session session;

    @Override
    public void onWebSocketOpen(Session opened) {
      session = opened;
      sockets.put(opened, ConcurrentHashMap.newKeySet());
    }

    @Override
    public void onWebSocketText(String text) {
      JsonNode action = Json.tree(text);
      actions.add(action);
      String hash = action.path("hash").asText();
      Set<String> hashes = sockets.get(session);
      if (hashes == null) {
        return;
      }
      ObjectNode reply = Json.mapper().createObjectNode().put("hash", hash);
      switch (action.path("action").asText()) {
        case "subscribe" -> {
          if (refused.contains(hash)) {
            reply.put("status", "failure").put("message", "Stream " + hash + " is not available");
          } else {
            hashes.add(hash);
            reply
                .put("status", "success")
                .put("message", "Successfully subscribed to hash " + hash);
          }
        }
        case "unsubscribe" -> {
          hashes.remove(hash);
          reply
              .put("status", "success")
              .put("message", "Successfully unsubscribed from hash " + hash);
        }
        default -> reply.put("status", "failure").put("message", "Unknown action");
      }
      session.sendText(reply.toString(), Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      sockets.remove(session);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      if (session != null) {
        sockets.remove(session);
      }
    }
  }
}
