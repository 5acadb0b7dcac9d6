package io.cxengage.job;

import io.cxengage.job.augment.AugmentSettings;
import io.cxengage.job.augment.UrlPolicy;
import io.cxengage.job.cep.DynamicPatternOperator;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The job's options: typed, with defaults, read from command-line flags ({@code --name value} or
 * {@code --name=value}) and environment variables ({@code CX_NAME}), validated once; an error names
 * the option and says what it takes.
 */
public record JobSettings(
    String bootstrapServers,
    String topicPrefix,
    String groupId,
    int parallelism,
    Duration checkpointInterval,
    Duration bufferTimeout,
    String stateBackend,
    boolean stateChangelog,
    String checkpointDir,
    Duration tolerance,
    DynamicPatternOperator.Ordering ordering,
    io.cxengage.job.reaction.DispatchSettings dispatch,
    String testFault,
    AugmentSettings augments) {

  /** Every option: name, environment variable, default, description. */
  public static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

  static {
    option("kafka-bootstrap", "CX_KAFKA_BOOTSTRAP", "127.0.0.1:9092", "Kafka bootstrap servers");
    option("topic-prefix", "CX_TOPIC_PREFIX", "", "prefix of every topic name");
    option(
        "group-id",
        "CX_GROUP_ID",
        "cxengage-job",
        "consumer group and transaction id prefix of the job");
    option("parallelism", "CX_PARALLELISM", "2", "parallelism of the job");
    option("checkpoint-interval", "CX_CHECKPOINT_INTERVAL", "10s", "time between checkpoints");
    option(
        "buffer-timeout",
        "CX_BUFFER_TIMEOUT",
        "0ms",
        "longest a record waits in a network buffer between two tasks; 0ms sends each at once"
            + " (Flink's default is 100ms: more latency, and here no more throughput)");
    option("state-backend", "CX_STATE_BACKEND", "rocksdb", "rocksdb or heap");
    option(
        "state-changelog",
        "CX_STATE_CHANGELOG",
        "true",
        "with rocksdb: log state changes and persist the log at each checkpoint, copying RocksDB"
            + " itself only every 10 minutes, so that a checkpoint does not stall the events for"
            + " RocksDB's flush (false: a RocksDB copy at every checkpoint)");
    option(
        "checkpoint-dir",
        "CX_CHECKPOINT_DIR",
        "",
        "where checkpoints go (a file:// or other Flink file system URI)");
    option(
        "out-of-orderness",
        "CX_OUT_OF_ORDERNESS",
        "5s",
        "how late an event may be before it is dead-lettered as late");
    option(
        "ordering",
        "CX_ORDERING",
        "arrival",
        "arrival (low latency) or event-time (waits for the watermark)");
    option(
        "secret-key",
        "CX_SECRET_KEY",
        "",
        "base64 AES key of the secrets in the configuration log");
    option(
        "dry-run",
        "CX_DRY_RUN",
        "false",
        "true: external sends are reported as sent without being made");
    option("sendgrid-url", "CX_SENDGRID_URL", "https://api.sendgrid.com", "SendGrid's base URL");
    option("twilio-url", "CX_TWILIO_URL", "https://api.twilio.com", "Twilio's base URL");
    option("pusher-url", "CX_PUSHER_URL", "", "Pusher's base URL (default: the cluster's)");
    option(
        "salesforce-login-url",
        "CX_SALESFORCE_LOGIN_URL",
        "https://login.salesforce.com",
        "Salesforce's login URL");
    option(
        "send-timeout",
        "CX_SEND_TIMEOUT",
        "10s",
        "time limit of one request to an external service");
    option(
        "sends-per-second",
        "CX_SENDS_PER_SECOND",
        "50",
        "sends per second per tenant and integration");
    option("send-burst", "CX_SEND_BURST", "100", "sends at once per tenant and integration");
    option(
        "test-fault", "CX_TEST_FAULT", "", "test only: on-type:T or random:P:N:SEED fails a task");
    option(
        "augment-api-timeout",
        "CX_AUGMENT_API_TIMEOUT",
        "2s",
        "time limit of one call of an API augment; then the event or match goes on without it");
    option(
        "augment-cache-ttl",
        "CX_AUGMENT_CACHE_TTL",
        "5m",
        "how long an API augment's answer is reused for the same customer key");
    option(
        "augment-cache-entries",
        "CX_AUGMENT_CACHE_ENTRIES",
        "100000",
        "most API augment answers cached per subtask");
    option(
        "augment-api-in-flight",
        "CX_AUGMENT_API_IN_FLIGHT",
        "100",
        "most events (or matches) waiting for API augments per subtask");
    option(
        "augment-api-allow",
        "CX_AUGMENT_API_ALLOW",
        "",
        "comma-separated hosts, addresses or CIDR ranges API augments may call although internal");
    option(
        "augment-api-deny",
        "CX_AUGMENT_API_DENY",
        "",
        "comma-separated hosts, addresses or CIDR ranges API augments never call");
  }

  private static void option(String name, String env, String def, String description) {
    OPTIONS.put(name, new String[] {env, def, description});
  }

  /** Reads the options from flags, then the environment, then the defaults. */
  public static JobSettings from(String[] args, Map<String, String> env) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + a + "': options are --name value");
      }
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("option --" + name + " needs a value");
      }
      if (!OPTIONS.containsKey(name)) {
        throw new IllegalArgumentException(
            "unknown option --" + name + "; options are " + OPTIONS.keySet());
      }
      flags.put(name, value);
    }
    Function<String, String> get =
        n ->
            flags.containsKey(n)
                ? flags.get(n)
                : env.getOrDefault(OPTIONS.get(n)[0], OPTIONS.get(n)[1]);
    return new JobSettings(
        get.apply("kafka-bootstrap"),
        get.apply("topic-prefix"),
        get.apply("group-id"),
        positive("parallelism", get.apply("parallelism")),
        duration("checkpoint-interval", get.apply("checkpoint-interval")),
        duration("buffer-timeout", get.apply("buffer-timeout")),
        choice("state-backend", get.apply("state-backend"), "rocksdb", "heap"),
        Boolean.parseBoolean(
            choice("state-changelog", get.apply("state-changelog"), "true", "false")),
        get.apply("checkpoint-dir"),
        duration("out-of-orderness", get.apply("out-of-orderness")),
        choice("ordering", get.apply("ordering"), "arrival", "event-time").equals("arrival")
            ? DynamicPatternOperator.Ordering.ARRIVAL
            : DynamicPatternOperator.Ordering.EVENT_TIME,
        new io.cxengage.job.reaction.DispatchSettings(
            Boolean.parseBoolean(choice("dry-run", get.apply("dry-run"), "true", "false")),
            blankToNull(get.apply("secret-key")),
            blankToNull(get.apply("sendgrid-url")),
            blankToNull(get.apply("twilio-url")),
            blankToNull(get.apply("pusher-url")),
            blankToNull(get.apply("salesforce-login-url")),
            duration("send-timeout", get.apply("send-timeout")),
            positive("sends-per-second", get.apply("sends-per-second")),
            positive("send-burst", get.apply("send-burst"))),
        blankToNull(get.apply("test-fault")),
        new AugmentSettings(
            duration("augment-api-timeout", get.apply("augment-api-timeout")),
            duration("augment-cache-ttl", get.apply("augment-cache-ttl")),
            positive("augment-cache-entries", get.apply("augment-cache-entries")),
            positive("augment-api-in-flight", get.apply("augment-api-in-flight")),
            hosts("augment-api-allow", get.apply("augment-api-allow")),
            hosts("augment-api-deny", get.apply("augment-api-deny"))));
  }

  /** A comma-separated list of hosts, addresses and CIDR ranges ({@link UrlPolicy}). */
  static List<String> hosts(String name, String v) {
    List<String> entries =
        Arrays.stream(v.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    try {
      new UrlPolicy(entries, List.of(), host -> new java.net.InetAddress[0], List.of());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option "
              + name
              + " takes hosts, addresses or CIDR ranges separated by commas: "
              + e.getMessage());
    }
    return entries;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static int positive(String name, String v) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "option " + name + " takes a positive whole number, not '" + v + "'");
  }

  /**
   * Durations as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT10S}).
   */
  static Duration duration(String name, String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      }
      if (s.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
      }
      if (s.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
      }
      if (s.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
      }
      return Duration.parse(v.trim());
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "option " + name + " takes a duration such as 500ms, 10s, 5m or 1h, not '" + v + "'");
    }
  }

  static String choice(String name, String v, String... allowed) {
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v.trim())) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "option " + name + " takes one of " + String.join(", ", allowed) + ", not '" + v + "'");
  }
}
