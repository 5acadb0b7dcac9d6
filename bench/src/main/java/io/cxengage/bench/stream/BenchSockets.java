package io.cxengage.bench.stream;

import io.cxengage.connectors.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's WebSockets, opened as browsers would open them: a ticket each from {@code POST
 * /1.0/tenants/bench/ticket}, then the upgrade, with the JDK's client on two threads.
 */
final class BenchSockets {

  private BenchSockets() {}

  /**
   * Opens the sockets, at most {@code concurrency} handshakes at a time, each with a ticket of its
   * own. Returns how many opened.
   */
  static int open(String base, String token, int sockets, int concurrency, Deliveries deliveries)
      throws InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(2, BenchSockets::daemon))
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    HttpRequest ticketRequest =
        HttpRequest.newBuilder(
                URI.create(base + "/1.0/tenants/" + StreamBenchServer.TENANT + "/ticket"))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    String ws = base.replaceFirst("^http", "ws") + "/1.0/stream/";
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<CompletableFuture<WebSocket>> all = new ArrayList<>(sockets);
    for (int i = 0; i < sockets; i++) {
      inFlight.acquire();
      int socket = i;
      all.add(
          client
              .sendAsync(ticketRequest, HttpResponse.BodyHandlers.ofString())
              .thenCompose(
                  r ->
                      client
                          .newWebSocketBuilder()
                          .buildAsync(
                              URI.create(ws + Json.tree(r.body()).get("ticket").asText()),
                              new Receiver(socket, deliveries)))
              .whenComplete(
                  (w, e) -> {
                    inFlight.release();
                    if (e == null) {
                      opened.incrementAndGet();
                    } else if (failed.incrementAndGet() <= 3) {
                      System.err.println("socket " + socket + " did not open: " + e);
                    }
                  }));
      if ((i + 1) % 1000 == 0) {
        System.err.printf("%d handshakes started, %d open%n", i + 1, opened.get());
      }
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .orTimeout(5, TimeUnit.MINUTES)
        .join();
    return opened.get();
  }

  /** Threads that do not keep the benchmark's JVM alive once it is done. */
  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "stream-bench-client");
    thread.setDaemon(true);
    return thread;
  }
}
