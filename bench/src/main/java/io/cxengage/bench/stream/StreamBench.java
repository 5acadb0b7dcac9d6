package io.cxengage.bench.stream;

import io.cxengage.connectors.topics.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Delivery latency of the Generic Streaming Endpoint to many sockets at once. A server process
 * ({@link StreamBenchServer}: broker and admin API) is started; this process opens {@code
 * --sockets} WebSockets of one tenant with the JDK's client (a ticket each, as a browser would),
 * then writes {@code --messages} messages to {@code cx.stream} as the job does, one at a time, and
 * notes when every socket received each: the latency runs from the write to Kafka to the arrival of
 * the whole frame. The first {@code --warmup} messages are not counted. Traffic stays on 127.0.0.1;
 * every wait is bounded.
 *
 * <p>Options: {@code --sockets=10000 --messages=30 --warmup=3 --interval-ms=500 --body-bytes=256
 * --open-concurrency=100 --server-heap-mb=3072}.
 */
public final class StreamBench {

  private static final Pattern SOCKETS_GAUGE =
      Pattern.compile("cx_admin_stream_sockets\\{tenant=\"bench\"} ([0-9.E]+)");
  private static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(60);

  private StreamBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, Integer> options = options(args);
    int sockets = options.get("sockets");
    int warmup = options.get("warmup");
    int messages = warmup + options.get("messages");
    try (ServerProcess server = ServerProcess.start(options.get("server-heap-mb"))) {
      String base = server.base;
      Deliveries deliveries = new Deliveries(messages, sockets);

      long openStart = System.nanoTime();
      int opened =
          BenchSockets.open(
              base, server.token, sockets, options.get("open-concurrency"), deliveries);
      long openNanos = System.nanoTime() - openStart;
      HttpClient http = HttpClient.newHttpClient();
      int registered = awaitServerSockets(http, base, opened);
      long serverRss = server.residentKb();
      long clientRss = ServerProcess.residentKb(ProcessHandle.current().pid());
      if (opened < sockets) {
        throw new IllegalStateException(
            "only " + opened + " of " + sockets + " sockets opened: run with --sockets=" + opened);
      }

      int missed = 0;
      try (KafkaProducer<String, String> producer = producer(server.bootstrap)) {
        String padding = "x".repeat(Math.max(0, options.get("body-bytes") - 8));
        for (int m = 0; m < messages; m++) {
          ProducerRecord<String, String> record =
              new ProducerRecord<>("cx.stream", StreamBenchServer.TENANT, m + ":" + padding);
          record
              .headers()
              .add(Topic.SEND_ID_HEADER, ("bench/" + m).getBytes(StandardCharsets.UTF_8));
          deliveries.sent(m, System.nanoTime());
          producer.send(record);
          producer.flush();
          if (!awaitAll(deliveries, m, sockets)) {
            missed++;
          }
          Thread.sleep(options.get("interval-ms")); // pacing: each message meets an idle server
        }
      }
      report(
          options,
          opened,
          registered,
          openNanos,
          serverRss,
          clientRss,
          deliveries,
          warmup,
          missed,
          metrics(http, base));
    }
  }

  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> options = new LinkedHashMap<>();
    options.put("sockets", 10_000);
    options.put("messages", 30);
    options.put("warmup", 3);
    options.put("interval-ms", 500);
    options.put("body-bytes", 256);
    options.put("open-concurrency", 100);
    options.put("server-heap-mb", 3072);
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      if (kv.length != 2 || !options.containsKey(kv[0])) {
        throw new IllegalArgumentException(
            "unknown option " + arg + "; known: " + options.keySet());
      }
      options.put(kv[0], Integer.parseInt(kv[1]));
    }
    return options;
  }

  /** Waits until the server counts the sockets as open (its gauge), at most a minute. */
  private static int awaitServerSockets(HttpClient http, String base, int expected)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    int seen = 0;
    while (System.nanoTime() < deadline) {
      Matcher m = SOCKETS_GAUGE.matcher(metrics(http, base));
      seen = m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
      if (seen >= expected) {
        return seen;
      }
      Thread.sleep(200);
    }
    return seen;
  }

  private static String metrics(HttpClient http, String base) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static boolean awaitAll(Deliveries deliveries, int message, int sockets)
      throws InterruptedException {
    long deadline = System.nanoTime() + MESSAGE_TIMEOUT.toNanos();
    while (deliveries.receivedCount(message) < sockets) {
      if (System.nanoTime() > deadline) {
        System.err.printf(
            "message %d: %d of %d sockets after %s%n",
            message, deliveries.receivedCount(message), sockets, MESSAGE_TIMEOUT);
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            0),
        new StringSerializer(),
        new StringSerializer());
  }

  private static void report(
      Map<String, Integer> options,
      int opened,
      int registered,
      long openNanos,
      long serverRssKb,
      long clientRssKb,
      Deliveries deliveries,
      int warmup,
      int missed,
      String metrics) {
    long[] latencies = deliveries.sortedLatencies(warmup);
    long[] fanOut = deliveries.sortedFanOutTimes(warmup);
    System.out.printf(Locale.ROOT, "options: %s%n", options);
    System.out.printf(
        Locale.ROOT,
        "sockets: %d open on the client, %d counted by the server, opened in %.1f s%n",
        opened,
        registered,
        openNanos / 1e9);
    System.out.printf(
        Locale.ROOT,
        "resident memory: server process %d MiB (%.1f KiB per socket with broker and JVM),"
            + " client process %d MiB%n",
        serverRssKb / 1024,
        (double) serverRssKb / Math.max(1, opened),
        clientRssKb / 1024);
    System.out.printf(
        Locale.ROOT,
        "messages measured: %d (after %d warm-up), deliveries: %d, messages missed: %d%n",
        fanOut.length,
        warmup,
        latencies.length,
        missed);
    System.out.printf(
        Locale.ROOT,
        "delivery latency per socket, ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
        Deliveries.percentile(latencies, 0.50) / 1e6,
        Deliveries.percentile(latencies, 0.90) / 1e6,
        Deliveries.percentile(latencies, 0.99) / 1e6,
        Deliveries.percentile(latencies, 1.0) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "time until the last socket had a message, ms: p50 %.2f  p99 %.2f  max %.2f%n",
        Deliveries.percentile(fanOut, 0.50) / 1e6,
        Deliveries.percentile(fanOut, 0.99) / 1e6,
        Deliveries.percentile(fanOut, 1.0) / 1e6);
    metrics
        .lines()
        .filter(
            l ->
                l.startsWith("cx_admin_stream_frames")
                    || l.startsWith("cx_admin_stream_hand_off_seconds_sum")
                    || l.startsWith("cx_admin_stream_hand_off_seconds_count")
                    || l.startsWith("cx_admin_stream_slow")
                    || l.startsWith("cx_admin_stream_messages"))
        .forEach(l -> System.out.println("server " + l));
  }
}
