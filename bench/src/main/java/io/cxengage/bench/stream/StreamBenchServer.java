package io.cxengage.bench.stream;

import io.cxengage.admin.AdminApi;
import io.cxengage.admin.AdminApiConfig;
import io.cxengage.bench.admin.AdminClient;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * The server side of {@link StreamBench}, in a process of its own (a process may hold 20,000 open
 * files here, and each socket costs one on either side): an in-process broker and one admin API
 * with a tenant {@code bench}. Prints {@code READY <http port> <kafka bootstrap> <token>} once it
 * serves, and stops when its standard input closes, so it never outlives the driver.
 */
public final class StreamBenchServer {

  static final String TENANT = "bench";
  private static final String ADMIN_ID = "bench-admin";
  private static final String ADMIN_SECRET = "bench-admin-secret";

  private StreamBenchServer() {}

  public static void main(String[] args) throws Exception {
    String secretKey = SecretCipher.generateKey();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
      TopicNames topics = TopicNames.defaults();
      broker.createTopics(topics.newTopics(3, (short) 1));
      AdminApiConfig config =
          AdminApiConfig.defaults(broker.bootstrapServers(), secretKey)
              .withPort(0)
              .withAdmin(ADMIN_ID, ADMIN_SECRET);
      try (AdminApi api =
          AdminApi.start(
              config,
              topics,
              SecretCipher.fromBase64(secretKey),
              Clock.systemUTC(),
              new PrintStream(OutputStream.nullOutputStream()))) {
        String token = setUp(api.port());
        System.out.println("READY " + api.port() + " " + broker.bootstrapServers() + " " + token);
        System.out.flush();
        while (System.in.read() != -1) {
          // runs until the driver closes our standard input (or dies)
        }
      }
    }
  }

  /** A token of the bootstrap admin, and the tenant. */
  private static String setUp(int port) throws Exception {
    AdminClient admin = AdminClient.login(HttpClient.newHttpClient(), port, ADMIN_ID, ADMIN_SECRET);
    admin.createTenant(TENANT);
    return admin.token();
  }
}
