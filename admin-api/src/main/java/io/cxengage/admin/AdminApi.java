package io.cxengage.admin;

import io.cxengage.admin.augment.AugmentRows;
import io.cxengage.admin.augment.CsvUploader;
import io.cxengage.admin.auth.BootstrapAdmin;
import io.cxengage.admin.auth.ListenerSecrets;
import io.cxengage.admin.auth.SecretHasher;
import io.cxengage.admin.auth.TokenIssuer;
import io.cxengage.admin.auth.UserDirectory;
import io.cxengage.admin.http.AccountRoutes;
import io.cxengage.admin.http.ApiServer;
import io.cxengage.admin.http.AugmentFileRoutes;
import io.cxengage.admin.http.AugmentRoutes;
import io.cxengage.admin.http.EventRoutes;
import io.cxengage.admin.http.Guard;
import io.cxengage.admin.http.HttpMetrics;
import io.cxengage.admin.http.IntegrationRoutes;
import io.cxengage.admin.http.ListenerHookRoutes;
import io.cxengage.admin.http.ListenerRoutes;
import io.cxengage.admin.http.OpenApiDocument;
import io.cxengage.admin.http.OpsRoutes;
import io.cxengage.admin.http.PatternRoutes;
import io.cxengage.admin.http.RequestBodies;
import io.cxengage.admin.http.Route;
import io.cxengage.admin.http.RouteTable;
import io.cxengage.admin.http.StreamRoutes;
import io.cxengage.admin.http.TemplateRoutes;
import io.cxengage.admin.http.TenantDocuments;
import io.cxengage.admin.http.TenantRoutes;
import io.cxengage.admin.http.TicketRoutes;
import io.cxengage.admin.http.TokenRoutes;
import io.cxengage.admin.http.UserRoutes;
import io.cxengage.admin.intake.EventIntake;
import io.cxengage.admin.intake.RateLimiter;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.admin.store.KafkaClients;
import io.cxengage.admin.store.KeyLocks;
import io.cxengage.admin.stream.StreamMetrics;
import io.cxengage.admin.stream.StreamRelay;
import io.cxengage.admin.stream.StreamSocket;
import io.cxengage.admin.stream.TenantSockets;
import io.cxengage.admin.stream.TicketBook;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.TopicNames;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: starts the HTTP server with every route of api.md over the configuration log,
 * event intake, CSV upload and the WebSocket relay of {@code cx.stream}, and stops it all on {@link
 * #close()}.
 */
public final class AdminApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

  private final List<AutoCloseable> resources;
  private final ApiServer server;
  private final TicketBook tickets;
  private final ConfigLog log;
  private final RouteTable routes;
  private final StreamRelay relay;
  private final TenantSockets sockets;
  private final StreamMetrics streamMetrics;

  private AdminApi(
      List<AutoCloseable> resources,
      ApiServer server,
      TicketBook tickets,
      ConfigLog log,
      RouteTable routes,
      StreamRelay relay,
      TenantSockets sockets,
      StreamMetrics streamMetrics) {
    this.resources = resources;
    this.server = server;
    this.tickets = tickets;
    this.log = log;
    this.routes = routes;
    this.relay = relay;
    this.sockets = sockets;
    this.streamMetrics = streamMetrics;
  }

  /** Starts with the topic names, cipher and clock the configuration implies. */
  public static AdminApi start(AdminApiConfig config) {
    return start(
        config,
        new TopicNames(config.topicPrefix()),
        SecretCipher.fromBase64(config.secretKey()),
        Clock.systemUTC(),
        System.out);
  }

  /** Starts on the given Kafka (overriding the configuration's bootstrap servers). */
  public static AdminApi start(
      AdminApiConfig config,
      String kafkaBootstrap,
      TopicNames topics,
      Clock clock,
      SecretCipher cipher) {
    return start(config.withKafkaBootstrap(kafkaBootstrap), topics, cipher, clock, System.out);
  }

  /**
   * Starts the admin API and returns once it serves requests: the topics exist, the configuration
   * log is loaded, a platform admin exists.
   *
   * @param console where generated admin credentials are printed, once
   */
  public static AdminApi start(
      AdminApiConfig config,
      TopicNames topics,
      SecretCipher cipher,
      Clock clock,
      PrintStream console) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      KafkaClients clients = new KafkaClients(config.kafkaBootstrap(), config.kafkaTimeout());
      Admin admin = clients.admin();
      resources.add(admin);
      if (config.createTopics()) {
        createTopics(admin, topics, config);
      }
      Duration loadTimeout = config.kafkaTimeout().multipliedBy(6);
      ConfigLog log = ConfigLog.open(topics.config(), clients, loadTimeout);
      resources.add(log);
      UserDirectory users = new UserDirectory(log, new SecretHasher(config.hashIterations()));
      BootstrapAdmin.ensure(users, config.adminClientId(), config.adminClientSecret(), console);
      TokenIssuer tokens = new TokenIssuer(config.tokenKeyBytes(), config.tokenLifetime(), clock);

      KafkaProducer<String, byte[]> events = clients.producer("cx-admin-events", 5);
      resources.add(events);
      KafkaProducer<String, byte[]> rows = clients.producer("cx-admin-augment-rows", 20);
      resources.add(rows);
      HttpMetrics metrics = new HttpMetrics();
      KeyLocks locks = new KeyLocks();
      RequestBodies bodies = new RequestBodies(config.maxBodyBytes());
      TicketBook tickets = new TicketBook(clock, config.ticketLifetime());
      EventIntake intake =
          new EventIntake(
              events,
              topics.events(),
              log.view(),
              new RateLimiter(System::nanoTime),
              new EventIntake.Limits(
                  config.maxEventBytes(), config.maxBatchEvents(), config.eventsPerSecond()),
              config.kafkaTimeout(),
              metrics.events(),
              log::position);
      TenantSockets sockets = new TenantSockets();
      StreamMetrics streamMetrics = new StreamMetrics(metrics.registry(), sockets::openByTenant);
      StreamRelay relay =
          StreamRelay.start(
              clients.tailConsumer("cx-admin-stream-relay", config.stream().partitionRefresh()),
              topics.stream(),
              sockets,
              streamMetrics,
              config.stream());
      resources.add(relay);
      CsvUploader uploader =
          new CsvUploader(log, new AugmentRows(clients, admin, topics.augmentRows()), rows, locks);

      TenantDocuments patterns =
          new TenantDocuments(log, locks, ConfigKind.PATTERN, "PT", "pattern", "version", Set.of());
      TenantDocuments templates =
          new TenantDocuments(
              log, locks, ConfigKind.TEMPLATE, "TM", "template", "version", Set.of());
      TenantDocuments listeners =
          new TenantDocuments(
              log,
              locks,
              ConfigKind.LISTENER,
              "LI",
              "listener",
              "doc-version",
              Set.of("secret-hash"));
      TenantDocuments augments =
          new TenantDocuments(log, locks, ConfigKind.AUGMENT, "AU", "augment", "version", Set.of());

      RouteTable table = new RouteTable();
      new OpsRoutes(log, metrics, () -> OpenApiDocument.build(table, "1.0")).register(table);
      new TokenRoutes(users, tokens).register(table);
      new AccountRoutes(log).register(table);
      new UserRoutes(users, log, locks, bodies).register(table);
      new TenantRoutes(log, locks, bodies).register(table);
      new PatternRoutes(patterns, templates, bodies).register(table);
      new TemplateRoutes(templates, patterns, bodies).register(table);
      new ListenerRoutes(listeners, log, users.hasher(), bodies).register(table);
      IntegrationRoutes integrations = new IntegrationRoutes(log, locks, cipher, bodies);
      integrations.register(table);
      new AugmentRoutes(augments, uploader, bodies).register(table);
      new AugmentFileRoutes(augments, uploader).register(table);
      new EventRoutes(intake, config.maxBatchBytes()).register(table);
      new TicketRoutes(tickets).register(table);
      new StreamRoutes(tickets, users, sockets, streamMetrics, config.stream()).register(table);
      new ListenerHookRoutes(
              listeners,
              log,
              intake,
              new ListenerSecrets(users.hasher()),
              events,
              topics.deadletter(),
              config.maxBodyBytes(),
              config.kafkaTimeout(),
              clock)
          .register(table);
      integrations.registerCreateAlias(table); // last: it matches any /tenants/{tenant}/{type}

      ApiServer server =
          ApiServer.start(
              config.host(), config.port(), table, new Guard(tokens, users, log), metrics);
      LOG.info("admin API listening on port {}", server.port());
      return new AdminApi(resources, server, tickets, log, table, relay, sockets, streamMetrics);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  private static void createTopics(Admin admin, TopicNames topics, AdminApiConfig config) {
    try {
      var existing =
          admin.listTopics().names().get(config.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
      var missing =
          topics.newTopics(config.topicPartitions(), config.topicReplication()).stream()
              .filter(t -> !existing.contains(t.name()))
              .toList();
      if (missing.isEmpty()) {
        return;
      }
      for (var result : admin.createTopics(missing).values().values()) {
        try {
          result.get(config.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "cannot create the topics on "
              + config.kafkaBootstrap()
              + " (option "
              + Option.KAFKA_BOOTSTRAP.display()
              + "): "
              + cause.getMessage(),
          cause);
    }
  }

  /** The port the HTTP server listens on. */
  public int port() {
    return server.port();
  }

  /** The stream tickets of this instance, for the WebSocket relay. */
  public TicketBook tickets() {
    return tickets;
  }

  /** The WebSockets open on this instance, by tenant. */
  public TenantSockets streamSockets() {
    return sockets;
  }

  /** The WebSocket relay's metrics (also on {@code GET /metrics}). */
  public StreamMetrics streamMetrics() {
    return streamMetrics;
  }

  /** The configuration log this instance reads and writes. */
  public ConfigLog configLog() {
    return log;
  }

  /** The routes this instance serves, as registered. */
  public List<Route> routes() {
    return routes.routes();
  }

  /** Every (method, path) the server routes, as {@code "GET /1.0/tenants/{tenant}"}. */
  public List<String> servedOperations() {
    return server.servedOperations();
  }

  @Override
  public void close() {
    // stop relaying first, then say goodbye to the sockets, then stop serving
    relay.close();
    sockets.closeAll(StreamSocket.GOING_AWAY, "the server is stopping");
    server.close();
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn(
            "closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.getMessage());
      }
    }
  }

  /** Runs the admin API until the process is stopped. Options: see {@link Option}. */
  public static void main(String[] args) throws InterruptedException {
    if (List.of(args).contains("--help")) {
      System.out.println("CxEngage admin API. Options (flag, environment variable, default):");
      for (Option option : Option.values()) {
        System.out.printf(
            "  --%s=... (%s, default %s)%n      %s%n",
            option.flag(),
            option.env(),
            option.defaultValue() == null ? "none" : "'" + option.defaultValue() + "'",
            option.description());
      }
      return;
    }
    AdminApiConfig config;
    try {
      config = AdminApiConfig.from(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    AdminApi api;
    try {
      api = start(config);
    } catch (RuntimeException e) {
      System.err.println("cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  stopped.countDown();
                },
                "cx-admin-shutdown"));
    stopped.await();
  }
}
