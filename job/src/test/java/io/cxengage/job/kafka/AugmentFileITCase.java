package io.cxengage.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.config.AugmentDocument;
import io.cxengage.connectors.fakes.FakeServer;
import io.cxengage.connectors.fakes.FakeTwilio;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File augments end to end: rows written to cx.augment-rows in the admin API's format (key {@code
 * tenant/AUn/joinValue}, the row as a JSON object, null to delete) and manifests naming the join
 * column, on a real broker and one local Flink cluster with RocksDB state, shared by the tests:
 * each configures its own tenant while the job runs, and its events carry the configuration offset
 * as the admin API's do, so the job matches them under that configuration. Engine augments decide
 * whether a pattern fires, in the order of their ids; a notification augment fills a Twilio send.
 */
class AugmentFileITCase {

  private static final String SECRET_KEY = SecretCipher.generateKey();
  private static final AtomicInteger seq = new AtomicInteger();

  static KafkaFixture kafka;
  static FakeTwilio twilio;
  static JobClient job;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    kafka = new KafkaFixture();
    twilio = new FakeTwilio(Map.of("AC123", "tw-token"));
    JobSettings settings =
        JobSettings.from(
            new String[0],
            Map.of(
                "CX_KAFKA_BOOTSTRAP",
                kafka.broker.bootstrapServers(),
                "CX_PARALLELISM",
                "2",
                "CX_CHECKPOINT_INTERVAL",
                "500ms",
                "CX_STATE_BACKEND",
                "rocksdb",
                "CX_CHECKPOINT_DIR",
                tmp.resolve("cp").toUri().toString(),
                "CX_SECRET_KEY",
                SECRET_KEY,
                "CX_TWILIO_URL",
                twilio.uri().toString()));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(2, EngineJob.configuration(settings));
    EngineJob.define(env, settings);
    job = env.executeAsync("augment-file");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (job != null) {
        job.cancel().get();
      }
    } finally {
      if (twilio != null) {
        twilio.close();
      }
      kafka.close();
    }
  }

  private static AugmentDocument file(String id, String service, List<String> attributes) {
    return new AugmentDocument(
        id,
        id,
        "file",
        service,
        null,
        null,
        attributes == null ? null : new AugmentDocument.Options(null, attributes),
        1L);
  }

  /** The pattern whose firing tells that a customer's earlier events have all been matched. */
  private static void sentinel(String tenant) throws Exception {
    kafka.pattern(
        tenant,
        "SENTINEL",
        "(event (= type \"sentinel\"))",
        "(send echo message {:message *seq*})",
        true);
  }

  /** Sends a login of {@code user} and returns its sequence number (echoed by the reactions). */
  private static String login(String tenant, String user) throws Exception {
    return send(
        tenant, "{\"user\":\"" + user + "\",\"email\":\"" + user + "@example.com\"", "login");
  }

  private static String send(String tenant, String attributesWithoutClosingBrace, String type)
      throws Exception {
    String n = Integer.toString(seq.incrementAndGet());
    kafka.event(
        tenant,
        attributesWithoutClosingBrace
            + ",\"type\":\""
            + type
            + "\",\"seq\":\""
            + n
            + "\",\"timestamp\":"
            + System.currentTimeMillis()
            + "}");
    return n;
  }

  /**
   * The reactions once a sentinel of {@code user} has fired: by then every earlier event of the
   * user has been matched (one customer's events keep their order).
   */
  private static List<JsonNode> afterSentinel(String tenant, String user) throws Exception {
    String n = send(tenant, "{\"user\":\"" + user + "\"", "sentinel");
    return kafka.reactions(rs -> rs.stream().anyMatch(r -> is(r, "SENTINEL", n)));
  }

  private static boolean is(JsonNode reaction, String pattern, String seqNumber) {
    return reaction.get("pattern").asText().equals(pattern)
        && reaction.path("params").path("message").asText().equals(seqNumber);
  }

  private static boolean fired(List<JsonNode> rs, String pattern, String seqNumber) {
    return rs.stream().anyMatch(r -> is(r, pattern, seqNumber));
  }

  /**
   * Sends logins of {@code user} until one fires {@code pattern} (rows and events travel different
   * topics, so the first logins may come before the rows); returns that reaction.
   */
  private static JsonNode awaitFiring(String tenant, String user, String pattern) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      String n = login(tenant, user);
      for (JsonNode r : afterSentinel(tenant, user)) {
        if (is(r, pattern, n) && r.get("status").asText().equals("sent")) {
          return r;
        }
      }
    }
    throw new AssertionError(pattern + " never fired for " + user);
  }

  @Test
  void aPatternNeedingAnAttributeOnlyTheCsvHasFiresOnceItsRowIsThereUntilItIsReplacedOrDeleted()
      throws Exception {
    kafka.tenant("gym", "user");
    // AU1 joins on user and gives tier; AU2 joins on email and may give only segment
    kafka.augment("gym", file("AU1", "engine", null), "user", "tier");
    kafka.augment("gym", file("AU2", "engine", List.of("segment")), "email", "segment", "secret");
    String echo = "(send echo message {:message *seq* :tier *tier* :segment *segment*})";
    kafka.pattern("gym", "GOLD", "(event (and (= type \"login\") (= tier \"gold\")))", echo, true);
    kafka.pattern(
        "gym", "SILVER", "(event (and (= type \"login\") (= tier \"silver\")))", echo, true);
    kafka.pattern(
        "gym", "LEAK", "(event (= secret \"s3\"))", "(send echo message {:message *seq*})", true);
    sentinel("gym");

    // before the upload: the augments and patterns are in force, the event lacks tier: no firing
    String before = login("gym", "ann");
    List<JsonNode> rs = afterSentinel("gym", "ann");
    assertThat(fired(rs, "GOLD", before)).isFalse();

    // the upload: ann is gold (AU1), and a VIP by her email (AU2)
    kafka.row("gym", "AU1", "ann", "{\"user\":\"ann\",\"tier\":\"gold\"}");
    kafka.row(
        "gym",
        "AU2",
        "ann@example.com",
        "{\"email\":\"ann@example.com\",\"segment\":\"vip\",\"secret\":\"s3\"}");
    JsonNode gold = awaitFiring("gym", "ann", "GOLD");
    assertThat(gold.get("key").asText()).isEqualTo("ann");
    assertThat(gold.get("params").get("tier").asText()).isEqualTo("gold");
    assertThat(gold.get("params").get("segment").asText()).isEqualTo("vip");

    // a re-upload replaces the rows: the admin API deletes the old row, then writes the new one
    kafka.row("gym", "AU1", "ann", null);
    kafka.row("gym", "AU1", "ann", "{\"user\":\"ann\",\"tier\":\"silver\"}");
    awaitFiring("gym", "ann", "SILVER");
    String replaced = login("gym", "ann");
    rs = afterSentinel("gym", "ann");
    assertThat(fired(rs, "SILVER", replaced)).isTrue();
    assertThat(fired(rs, "GOLD", replaced)).isFalse();

    // deleting the file deletes the rows: neither fires any more
    kafka.row("gym", "AU1", "ann", null);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    boolean gone = false;
    while (!gone && System.nanoTime() < deadline) {
      String n = login("gym", "ann");
      rs = afterSentinel("gym", "ann");
      gone = !fired(rs, "SILVER", n) && !fired(rs, "GOLD", n);
    }
    assertThat(gone).as("the deletion took effect").isTrue();
    // AU2's row was there all along, but its attributes let only segment through
    assertThat(rs).noneMatch(r -> r.get("pattern").asText().equals("LEAK"));
  }

  @Test
  void augmentsOfOneTenantApplyInTheOrderOfTheirIdsTheLaterWinning() throws Exception {
    kafka.tenant("club", "user");
    // both fill tier; AU10 comes after AU2 (ids compare by number), so its tier wins, whichever
    // answer reaches the merge first; by text AU10 would come first and silver would win
    kafka.augment("club", file("AU10", "engine", null), "user", "tier", "viaAu10");
    kafka.augment("club", file("AU2", "engine", null), "user", "tier", "viaAu2");
    kafka.row("club", "AU10", "cy", "{\"user\":\"cy\",\"tier\":\"gold\",\"viaAu10\":\"yes\"}");
    kafka.row("club", "AU2", "cy", "{\"user\":\"cy\",\"tier\":\"silver\",\"viaAu2\":\"yes\"}");
    kafka.pattern(
        "club",
        "BOTH",
        "(event (and (= type \"login\") (= viaAu2 \"yes\") (= viaAu10 \"yes\")))",
        "(send echo message {:message *seq* :tier *tier*})",
        true);
    sentinel("club");

    JsonNode both = awaitFiring("club", "cy", "BOTH");
    assertThat(both.get("params").get("tier").asText()).isEqualTo("gold");
  }

  /** Every order has one outcome: sent, or failed for want of a phone. */
  private static long orderOutcomes(List<JsonNode> rs) {
    return rs.stream()
        .filter(
            r -> r.get("tenant").asText().equals("shop") && r.get("pattern").asText().equals("PT1"))
        .count();
  }

  @Test
  void aNotificationAugmentFillsThePhoneOfATwilioSend() throws Exception {
    kafka.tenant("shop", "user");
    kafka.twilio("shop", SecretCipher.fromBase64(SECRET_KEY));
    kafka.augment("shop", file("AU1", "notification", null), "user", "phone");
    kafka.row("shop", "AU1", "ann", "{\"user\":\"ann\",\"phone\":\"+15551234567\"}");
    kafka.pattern(
        "shop",
        "PT1",
        "(event (= type \"order\"))",
        "(send twilio sms {:to-phone-number *phone* :message \"Thanks for your order\"})",
        true);

    // the row may reach its store after the first orders: those fail (no phone), later ones send
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    long outcomes = 0;
    while (twilio.received().isEmpty() && System.nanoTime() < deadline) {
      send("shop", "{\"user\":\"ann\"", "order");
      long before = outcomes;
      outcomes = orderOutcomes(kafka.reactions(rs -> orderOutcomes(rs) > before));
    }
    assertThat(twilio.received()).isNotEmpty();
    FakeServer.Received sms = twilio.received().get(0);
    assertThat(sms.form())
        .containsEntry("To", "+15551234567")
        .containsEntry("From", "+15550000001")
        .containsEntry("Body", "Thanks for your order");
  }
}
