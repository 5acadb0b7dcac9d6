package io.cxengage.bench.pipeline;

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
import java.util.ArrayList;
import java.util.List;

/**
 * What the embedded default runs besides the job, for one bench run: an in-process KRaft broker and
 * a real admin API on its own topics (a fresh prefix per run, so runs on one broker never see each
 * other's events, configuration or reactions), with the bench tenant created over HTTP.
 */
final class BenchInstallation implements AutoCloseable {

  private static final String ADMIN_ID = "bench-admin";
  private static final String ADMIN_SECRET = "bench-admin-secret";

  private final EmbeddedKafkaBroker broker;
  private final String secretKey = SecretCipher.generateKey();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private AdminApi api;
  private TopicNames topics;
  private AdminClient admin;
  private int runs;

  BenchInstallation() {
    broker = EmbeddedKafkaBroker.startTemporary();
  }

  /**
   * Topics and an admin API for the next run, with the bench tenant and the workload's first {@code
   * patterns} patterns, created over HTTP; returns their ids (pattern j's at j). Closes the
   * previous run's API.
   */
  List<String> newRun(int patterns) throws Exception {
    closeApi();
    topics = new TopicNames("run" + ++runs + "-");
    // as many event partitions as the embedded default: max(2, parallelism)
    broker.createTopics(topics.newTopics(2, (short) 1));
    AdminApiConfig config =
        AdminApiConfig.defaults(broker.bootstrapServers(), secretKey)
            .withPort(0)
            .withAdmin(ADMIN_ID, ADMIN_SECRET);
    api =
        AdminApi.start(
            config,
            topics,
            SecretCipher.fromBase64(secretKey),
            Clock.systemUTC(),
            new PrintStream(OutputStream.nullOutputStream()));
    admin = AdminClient.login(http, api.port(), ADMIN_ID, ADMIN_SECRET);
    admin.createTenant(PipelineWorkload.TENANT);
    List<String> ids = new ArrayList<>(patterns);
    List<String> whens = PipelineWorkload.patterns(patterns);
    for (int j = 0; j < patterns; j++) {
      ids.add(
          admin.createPattern(
              PipelineWorkload.TENANT, "P" + j, whens.get(j), PipelineWorkload.THEN));
    }
    return ids;
  }

  String bootstrap() {
    return broker.bootstrapServers();
  }

  TopicNames topics() {
    return topics;
  }

  String secretKey() {
    return secretKey;
  }

  AdminClient admin() {
    return admin;
  }

  private void closeApi() {
    if (api != null) {
      api.close();
      api = null;
    }
  }

  @Override
  public void close() {
    closeApi();
    broker.close();
  }
}
