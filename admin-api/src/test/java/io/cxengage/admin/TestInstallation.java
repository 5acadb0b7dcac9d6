package io.cxengage.admin;

import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process Kafka broker and the admin API instances of a test class: a fixed secret key and
 * bootstrap admin, a cheap PBKDF2 work factor, and a clock the test can move.
 */
public final class TestInstallation implements AutoCloseable {

  public static final String ADMIN_ID = "test-admin";
  public static final String ADMIN_SECRET = "test-admin-secret-0123456789";

  private final EmbeddedKafkaBroker broker;
  private final String secretKey = SecretCipher.generateKey();
  private final TopicNames topics = TopicNames.defaults();
  private final List<AdminApi> instances = new ArrayList<>();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  public final MutableClock clock = new MutableClock();

  public TestInstallation() {
    broker = EmbeddedKafkaBroker.startTemporary();
    broker.createTopics(topics.newTopics(2, (short) 1));
  }

  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  public TopicNames topics() {
    return topics;
  }

  public String secretKey() {
    return secretKey;
  }

  /** The configuration every instance of this installation shares. */
  public AdminApiConfig config() {
    return AdminApiConfig.defaults(broker.bootstrapServers(), secretKey)
        .withPort(0)
        .withAdmin(ADMIN_ID, ADMIN_SECRET)
        .withHashIterations(1000);
  }

  public AdminApi start() {
    return start(config());
  }

  public AdminApi start(AdminApiConfig config) {
    AdminApi api =
        AdminApi.start(
            config,
            topics,
            SecretCipher.fromBase64(secretKey),
            clock,
            new PrintStream(console, true, StandardCharsets.UTF_8));
    instances.add(api);
    return api;
  }

  /** What the instances printed (generated admin credentials). */
  public String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  /** A client of an instance, authenticated as the bootstrap admin. */
  public ApiClient admin(AdminApi api) {
    ApiClient anonymous = new ApiClient(api.port(), null);
    return anonymous.withToken(anonymous.token(ADMIN_ID, ADMIN_SECRET));
  }

  @Override
  public void close() {
    for (AdminApi api : instances) {
      try {
        api.close();
      } catch (RuntimeException e) {
        // already closed by the test
      }
    }
    broker.close();
  }

  /** A clock that tests move forward. */
  public static final class MutableClock extends Clock {
    private volatile java.time.Instant now = java.time.Instant.now();

    public void advance(java.time.Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }
}
