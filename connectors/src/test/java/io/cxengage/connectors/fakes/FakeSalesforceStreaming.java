package io.cxengage.connectors.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salesforce's Streaming API on top of {@link FakeSalesforce}'s OAuth login: Bayeux 1.0 long
 * polling at {@code POST /cometd/{version}} (a JSON array of messages in, one out), checking the
 * bearer token on every request (HTTP 401 otherwise).
 *
 * <ul>
 *   <li>{@code /meta/handshake} answers a new {@code clientId}; {@code /meta/subscribe} to {@code
 *       /topic/{name}} records the request (with its {@code ext.replay}) and, for a replay id
 *       {@code >= 0}, queues the retained events after it ({@code -2}: all, {@code -1}: none);
 *   <li>{@code /meta/connect} holds for up to the long-poll time and answers with the queued data
 *       messages {@code {channel, data: {event: {replayId, type, createdDate}, sobject}}};
 *   <li>an unknown client (after {@link #forgetClients()}) gets {@code 403::Unknown client} with
 *       advice to handshake; {@link #expireSessions()} makes every request 401; {@link
 *       #dropNextConnects} closes connections without answering.
 * </ul>
 */
public final class FakeSalesforceStreaming extends FakeSalesforce {

  private static final Pattern COMETD = Pattern.compile("/cometd/(\\d+\\.\\d)(/[a-z]+)?/?");

  private record Client(String id, Set<String> subscriptions, BlockingQueue<JsonNode> queue) {}

  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, List<JsonNode>> retained = new ConcurrentHashMap<>();
  private final List<JsonNode> subscribes = new CopyOnWriteArrayList<>();
  private final List<String> versions = new CopyOnWriteArrayList<>();
  private final AtomicInteger handshakes = new AtomicInteger();
  private final AtomicInteger disconnects = new AtomicInteger();
  private final AtomicInteger unauthorized = new AtomicInteger();
  private final AtomicInteger connectsToDrop = new AtomicInteger();
  private final Duration longPoll;

  public FakeSalesforceStreaming(
      String consumerKey,
      String consumerSecret,
      String username,
      String passwordAndToken,
      Duration longPoll) {
    super(consumerKey, consumerSecret, username, passwordAndToken);
    this.longPoll = longPoll;
  }

  /** A new record on the PushTopic: every subscribed client receives it; it is kept for replay. */
  public synchronized long publish(String topic, ObjectNode sobject) {
    String channel = "/topic/" + topic;
    List<JsonNode> events = retained.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
    long replayId = events.size() + 1;
    ObjectNode message = Json.mapper().createObjectNode().put("channel", channel);
    ObjectNode data = message.putObject("data");
    data.putObject("event")
        .put("createdDate", Instant.now().toString())
        .put("replayId", replayId)
        .put("type", "created");
    data.set("sobject", sobject);
    events.add(message);
    for (Client client : clients.values()) {
      if (client.subscriptions().contains(channel)) {
        client.queue().add(message);
      }
    }
    return replayId;
  }

  /** Forgets every client, as a server that restarted: they must handshake again. */
  public void forgetClients() {
    clients.clear();
  }

  /** Expires every token, and with them the Bayeux clients of those sessions. */
  @Override
  public void expireSessions() {
    super.expireSessions();
    clients.clear();
  }

  /** The next {@code count} long polls are cut off without an answer. */
  public void dropNextConnects(int count) {
    connectsToDrop.set(count);
  }

  /** Every {@code /meta/subscribe} received, as sent. */
  public List<JsonNode> subscribes() {
    return List.copyOf(subscribes);
  }

  /** The API versions of the paths requested, in order. */
  public List<String> versions() {
    return List.copyOf(versions);
  }

  public int handshakes() {
    return handshakes.get();
  }

  public int disconnects() {
    return disconnects.get();
  }

  /** How many Bayeux requests were refused with HTTP 401. */
  public int unauthorized() {
    return unauthorized.get();
  }

  /** How many known clients subscribe to the topic now. */
  public long subscribers(String topic) {
    return clients.values().stream()
        .filter(c -> c.subscriptions().contains("/topic/" + topic))
        .count();
  }

  @Override
  protected Reply answer(Received request) {
    Matcher cometd = COMETD.matcher(request.path());
    if (!request.method().equals("POST") || !cometd.matches()) {
      return super.answer(request);
    }
    versions.add(cometd.group(1));
    if (!validBearer(request)) {
      unauthorized.incrementAndGet();
      return new Reply(401, Map.of("Content-Type", "text/plain"), "401::Authentication invalid");
    }
    ArrayNode replies = Json.mapper().createArrayNode();
    for (JsonNode message : Json.tree(request.body())) {
      String channel = message.path("channel").asText();
      switch (channel) {
        case "/meta/handshake" -> replies.add(handshake(message));
        case "/meta/subscribe" -> replies.add(subscribe(message));
        case "/meta/connect" -> {
          if (connectsToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Reply.DROP;
          }
          connect(message, replies);
        }
        case "/meta/disconnect" -> {
          clients.remove(message.path("clientId").asText());
          disconnects.incrementAndGet();
          replies.add(reply(message, true));
        }
        case "/meta/unsubscribe" -> replies.add(reply(message, true));
        default ->
            replies.add(reply(message, false).put("error", "403::Publishing is not supported"));
      }
    }
    return Reply.json(200, replies.toString());
  }

  private ObjectNode handshake(JsonNode message) {
    handshakes.incrementAndGet();
    String id = UUID.randomUUID().toString().replace("-", "");
    clients.put(id, new Client(id, ConcurrentHashMap.newKeySet(), new LinkedBlockingQueue<>()));
    ObjectNode reply = reply(message, true).put("clientId", id).put("version", "1.0");
    reply.putArray("supportedConnectionTypes").add("long-polling");
    reply
        .putObject("advice")
        .put("reconnect", "retry")
        .put("interval", 0)
        .put("timeout", longPoll.toMillis());
    return reply;
  }

  private ObjectNode subscribe(JsonNode message) {
    subscribes.add(message);
    String subscription = message.path("subscription").asText();
    Client client = clients.get(message.path("clientId").asText());
    if (client == null) {
      return unknownClient(message);
    }
    client.subscriptions().add(subscription);
    long replayFrom = message.path("ext").path("replay").path(subscription).asLong(-1);
    if (replayFrom != -1) {
      for (JsonNode event : retained.getOrDefault(subscription, List.of())) {
        if (replayFrom == -2
            || event.path("data").path("event").path("replayId").asLong() > replayFrom) {
          client.queue().add(event);
        }
      }
    }
    return reply(message, true).put("subscription", subscription);
  }

  private void connect(JsonNode message, ArrayNode replies) {
    Client client = clients.get(message.path("clientId").asText());
    if (client == null) {
      replies.add(unknownClient(message));
      return;
    }
    List<JsonNode> events = new ArrayList<>();
    try {
      JsonNode first = client.queue().poll(longPoll.toMillis(), TimeUnit.MILLISECONDS);
      if (first != null) {
        events.add(first);
        client.queue().drainTo(events);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ObjectNode reply = reply(message, true);
    reply
        .putObject("advice")
        .put("reconnect", "retry")
        .put("interval", 0)
        .put("timeout", longPoll.toMillis());
    replies.add(reply);
    events.forEach(replies::add);
  }

  private static ObjectNode unknownClient(JsonNode message) {
    ObjectNode reply = reply(message, false).put("error", "403::Unknown client");
    reply.putObject("advice").put("reconnect", "handshake").put("interval", 0);
    return reply;
  }

  private static ObjectNode reply(JsonNode message, boolean successful) {
    ObjectNode reply = Json.mapper().createObjectNode();
    reply.put("channel", message.path("channel").asText());
    if (message.has("id")) {
      reply.set("id", message.get("id"));
    }
    if (message.has("clientId")) {
      reply.set("clientId", message.get("clientId"));
    }
    reply.put("successful", successful);
    return reply;
  }
}
