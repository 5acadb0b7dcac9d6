package io.cxengage.bench.admin;

import io.cxengage.admin.AdminApi;
import io.cxengage.admin.AdminApiConfig;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Throughput and latency of the admin API over real HTTP, in one JVM with an in-process broker: GET
 * of one pattern (the configuration read path: token check, account check, in-memory view) and
 * batch event intake (parse, validate, produce with {@code acks=all}, answer after the ack).
 *
 * <p>Each workload runs closed-loop clients for a warm-up, then for the measured time; every
 * request's latency is kept and sorted, so the percentiles are exact. Loops are bounded by time and
 * stop by themselves; traffic goes to 127.0.0.1 only.
 *
 * <p>Options: {@code --seconds=20 --warmup=5 --get-clients=8 --batch-clients=4 --batch-size=500}.
 */
public final class AdminApiBench {

  private static final String TENANT = "bench";

  private AdminApiBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, Integer> options =
        new java.util.HashMap<>(
            Map.of(
                "seconds",
                20,
                "warmup",
                5,
                "get-clients",
                8,
                "batch-clients",
                4,
                "batch-size",
                500));
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      if (!options.containsKey(kv[0]) || kv.length != 2) {
        throw new IllegalArgumentException(
            "unknown option " + arg + "; known: " + options.keySet());
      }
      options.put(kv[0], Integer.parseInt(kv[1]));
    }
    String secretKey = SecretCipher.generateKey();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
      TopicNames topics = TopicNames.defaults();
      broker.createTopics(topics.newTopics(3, (short) 1));
      AdminApiConfig config =
          AdminApiConfig.defaults(broker.bootstrapServers(), secretKey)
              .withPort(0)
              .withAdmin("bench-admin", "bench-admin-secret")
              .withEventsPerSecond(100_000_000);
      try (AdminApi api =
          AdminApi.start(
              config,
              topics,
              SecretCipher.fromBase64(secretKey),
              Clock.systemUTC(),
              new PrintStream(OutputStream.nullOutputStream()))) {
        String base = "http://127.0.0.1:" + api.port();
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4))
                .build();
        AdminClient admin =
            AdminClient.login(http, api.port(), "bench-admin", "bench-admin-secret");
        String token = admin.token();
        admin.createTenant(TENANT);
        String pattern =
            admin.createPattern(
                TENANT,
                "Loyalty",
                "(within 1 minutes (allOf (count 4 (event (and (= customerSegment \"Gold\") (= type"
                    + " \"flcheck\")))) (event (and (= customerSegment \"Gold\") (= type"
                    + " \"cnclTicket\")))))",
                "(send echo message {})");

        HttpRequest get =
            HttpRequest.newBuilder(
                    URI.create(base + "/1.0/tenants/" + TENANT + "/patterns/" + pattern))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        Result gets =
            run(
                http,
                () -> get,
                options.get("get-clients"),
                options.get("warmup"),
                options.get("seconds"));
        String batch = batch(options.get("batch-size"));
        HttpRequest post =
            HttpRequest.newBuilder(URI.create(base + "/1.0/tenants/" + TENANT + "/events"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch))
                .build();
        Result posts =
            run(
                http,
                () -> post,
                options.get("batch-clients"),
                options.get("warmup"),
                options.get("seconds"));

        System.out.printf(
            Locale.ROOT,
            "%nAdmin API bench (%s, %d cores, %d s measured after %d s warm-up)%n",
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            options.get("seconds"),
            options.get("warmup"));
        System.out.println(
            "| workload | clients | requests | req/s | events/s | p50 ms | p99 ms | p99.9 ms | max ms | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        print("GET one pattern", options.get("get-clients"), gets, 0);
        print(
            "POST /events, " + options.get("batch-size") + " events per batch",
            options.get("batch-clients"),
            posts,
            options.get("batch-size"));
        ((ExecutorService) http.executor().orElseThrow()).shutdownNow();
      }
    }
  }

  /** The latencies (ns) of one workload's measured requests, and its failures. */
  record Result(long[] latencies, long errors, double seconds) {}

  private static Result run(
      HttpClient http, Supplier<HttpRequest> request, int clients, int warmup, int seconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
    long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
    AtomicLong errors = new AtomicLong();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (true) {
                  long sent = System.nanoTime();
                  if (sent >= end) {
                    break;
                  }
                  HttpResponse<byte[]> response =
                      http.send(request.get(), HttpResponse.BodyHandlers.ofByteArray());
                  long took = System.nanoTime() - sent;
                  if (response.statusCode() >= 300) {
                    errors.incrementAndGet();
                  }
                  if (sent >= measureFrom) {
                    if (n == latencies.length) {
                      latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = took;
                  }
                }
                return Arrays.copyOf(latencies, n);
              }));
    }
    long[] all = new long[0];
    for (Future<long[]> future : futures) {
      long[] part = future.get();
      long[] merged = Arrays.copyOf(all, all.length + part.length);
      System.arraycopy(part, 0, merged, all.length, part.length);
      all = merged;
    }
    pool.shutdown();
    Arrays.sort(all);
    return new Result(all, errors.get(), seconds);
  }

  private static void print(String name, int clients, Result r, int eventsPerRequest) {
    double rate = r.latencies().length / r.seconds();
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %d | %.0f | %s | %.2f | %.2f | %.2f | %.2f | %d |%n",
        name,
        clients,
        r.latencies().length,
        rate,
        eventsPerRequest == 0 ? "-" : String.format(Locale.ROOT, "%.0f", rate * eventsPerRequest),
        percentile(r.latencies(), 0.50),
        percentile(r.latencies(), 0.99),
        percentile(r.latencies(), 0.999),
        r.latencies().length == 0 ? 0 : r.latencies()[r.latencies().length - 1] / 1e6,
        r.errors());
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  /** A batch of events like bench-workloads.md's stream: id, type, customerSegment, timestamp. */
  private static String batch(int size) {
    String[] types = {"flcheck", "cnclTicket", "login", "search", "view"};
    String[] segments = {"Gold", "Silver", "Bronze"};
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(
          String.format(
              Locale.ROOT,
              "{\"id\":\"c%d\",\"type\":\"%s\",\"customerSegment\":\"%s\",\"timestamp\":%d}",
              i % 1000,
              types[i % types.length],
              segments[i % segments.length],
              1767603600000L + 10L * i));
    }
    return body.append(']').toString();
  }
}
