package io.cxengage.connectors.fakes;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server standing in for an external service: it records every request, answers as the
 * service would ({@link #answer}), and can be told to fail or stall the next requests. The
 * subclasses speak each service's real wire protocol and check what they receive.
 */
public abstract class FakeServer implements AutoCloseable {

  /** What the fake received. */
  public record Received(String method, String path, String query, Headers headers, String body) {

    public String header(String name) {
      return headers.getFirst(name);
    }

    /** The query or a form body as name to value (the last value of a repeated name). */
    public static Map<String, String> decodeForm(String encoded) {
      Map<String, String> fields = new LinkedHashMap<>();
      if (encoded == null || encoded.isEmpty()) {
        return fields;
      }
      for (String pair : encoded.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        fields.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
      return fields;
    }

    public Map<String, String> form() {
      return decodeForm(body);
    }

    public Map<String, String> queryParams() {
      return decodeForm(query);
    }
  }

  /** An answer: status, headers and body. */
  public record Reply(int status, Map<String, String> headers, String body) {

    /** Not an answer: the connection is closed without one, as a dropped connection. */
    public static final Reply DROP = new Reply(-1, Map.of(), null);

    public static Reply json(int status, String body) {
      return new Reply(status, Map.of("Content-Type", "application/json"), body);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Reply> scriptedReplies = new ConcurrentLinkedDeque<>();
  private final Deque<Duration> scriptedStalls = new ConcurrentLinkedDeque<>();

  protected FakeServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a local fake server", e);
    }
    server.createContext("/", this::exchange);
    server.setExecutor(executor);
    server.start();
  }

  /** The base URL, {@code http://127.0.0.1:port}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request received so far, in order. */
  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The next request is answered with {@code reply} instead of the service's answer. */
  public void failNext(Reply reply) {
    scriptedReplies.add(reply);
  }

  /** The next request is answered only after {@code stall}, longer than the client waits. */
  public void stallNext(Duration stall) {
    scriptedStalls.add(stall);
  }

  /** The service's answer to a request, after checking it as the service would. */
  protected abstract Reply answer(Received request);

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Received request =
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              copy(exchange.getRequestHeaders()),
              body);
      received.add(request);
      Duration stall = scriptedStalls.poll();
      if (stall != null) {
        Thread.sleep(stall.toMillis());
      }
      Reply scripted = scriptedReplies.poll();
      Reply reply = scripted != null ? scripted : answer(request);
      if (reply == Reply.DROP) {
        return; // closing an exchange that sent no headers closes its connection
      }
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] bytes =
          reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // The client timed out and closed the connection: expected in timeout tests.
    } catch (RuntimeException bug) {
      // A fake that breaks must say so loudly rather than leave the client waiting.
      bug.printStackTrace();
      exchange.sendResponseHeaders(599, -1);
    }
  }

  private static Headers copy(Headers headers) {
    Headers copy = new Headers();
    copy.putAll(headers);
    return copy;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
