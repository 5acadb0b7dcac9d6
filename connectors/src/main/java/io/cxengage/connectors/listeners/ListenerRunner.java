package io.cxengage.connectors.listeners;

import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.ListenerDocument;
import io.cxengage.connectors.datasift.DataSiftStreaming;
import io.cxengage.connectors.salesforce.SalesforceStreaming;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener runner: follows every tenant's listener documents in {@code cx.config} and runs one
 * client per enabled listener that this runner owns ({@link RunnerMembership}), starting,
 * restarting (on any change of the listener, the tenant's key attribute or its credentials) and
 * stopping them, and publishing each listener's status ({@link StatusBoard}).
 *
 * <p>One thread (the loop) owns the catalog and the clients: it reads {@code cx.config} (one
 * partition, from the beginning), takes part in the runners' group, and reconciles what runs with
 * what should run whenever either changed. {@link #start} returns once the log has been read to its
 * end.
 */
public final class ListenerRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerRunner.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final ListenerRunnerConfig config;
  private final ListenerCatalog catalog = new ListenerCatalog();
  private final KafkaConsumer<String, byte[]> configLog;
  private final KafkaProducer<String, byte[]> producer;
  private final Admin admin;
  private final ScheduledExecutorService scheduler;
  private final SalesforceStreaming salesforce;
  private final StatusBoard board;
  private final RunningListeners running;
  private final Thread loop;
  private final CompletableFuture<Void> loaded = new CompletableFuture<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile Set<ListenerKey> runningView = Set.of();
  private volatile boolean stopping;
  private RunnerMembership membership;
  private boolean dirty = true;

  private ListenerRunner(ListenerRunnerConfig config) {
    this.config = config;
    String bootstrap = config.kafkaBootstrap();
    this.admin = RunnerKafka.admin(bootstrap);
    this.configLog = RunnerKafka.configReader(bootstrap, config.runnerId());
    this.producer = RunnerKafka.producer(bootstrap, config.runnerId());
    this.scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "cx-listener-clients");
              t.setDaemon(true);
              return t;
            });
    this.salesforce =
        new SalesforceStreaming(
            config.salesforceLoginUrl(),
            config.requestTimeout(),
            config.reconnectMin(),
            config.reconnectMax(),
            scheduler);
    DataSiftStreaming datasift =
        new DataSiftStreaming(
            config.datasiftUrl(),
            config.requestTimeout(),
            config.reconnectMin(),
            config.reconnectMax(),
            config.silenceLimit(),
            scheduler);
    this.board =
        new StatusBoard(producer, config.topics().config(), config.runnerId(), Clock.systemUTC());
    this.running =
        new RunningListeners(
            new ListenerClients(salesforce, datasift),
            new EventWriter(producer, config.topics(), config.maxEventBytes()),
            board);
    this.loop = new Thread(this::runLoop, "cx-listener-runner");
  }

  /**
   * Starts a runner and returns once it has read the configuration log to its end and joined the
   * runners' group; clients start as the group assigns listeners to it.
   *
   * @throws IllegalStateException when Kafka cannot be reached in time
   */
  public static ListenerRunner start(ListenerRunnerConfig config) {
    ListenerRunner runner = new ListenerRunner(config);
    runner.loop.start();
    try {
      runner.loaded.get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      runner.close();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "the listener runner could not start on "
              + config.kafkaBootstrap()
              + ": "
              + cause.getMessage(),
          cause);
    }
    LOG.info("listener runner {} started", config.runnerId());
    return runner;
  }

  public String runnerId() {
    return config.runnerId();
  }

  /** The listeners whose clients this runner runs now. */
  public Set<ListenerKey> running() {
    return runningView;
  }

  private void runLoop() {
    try {
      loadConfig();
      membership =
          new RunnerMembership(
              config.kafkaBootstrap(),
              config.topics().listenerAssignment(),
              config.runnerGroup(),
              config.runnerId(),
              config.assignmentPartitions(),
              admin,
              config.requestTimeout().multipliedBy(3),
              this::release,
              this::take);
      loaded.complete(null);
      while (!stopping) {
        for (ConsumerRecord<String, byte[]> r : configLog.poll(POLL)) {
          apply(r);
        }
        membership.poll(POLL);
        if (dirty) {
          dirty = false;
          reconcile();
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException stop) {
      // close() woke the loop up
    } catch (RuntimeException e) {
      if (!loaded.completeExceptionally(e)) {
        LOG.error("the listener runner stopped on an error", e);
      }
    } finally {
      shutDown();
      finished.countDown();
    }
  }

  /** Reads {@code cx.config} from the start to the end it has now. */
  private void loadConfig() {
    TopicPartition partition = new TopicPartition(config.topics().config(), 0);
    configLog.assign(List.of(partition));
    configLog.seekToBeginning(List.of(partition));
    long end =
        configLog
            .endOffsets(List.of(partition), config.requestTimeout().multipliedBy(3))
            .get(partition);
    while (configLog.position(partition) < end && !stopping) {
      for (ConsumerRecord<String, byte[]> r : configLog.poll(POLL)) {
        apply(r);
      }
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    dirty |= catalog.apply(record.key(), record.value());
    Optional<ConfigKey> key = ConfigKey.parse(record.key());
    if (key.isPresent() && key.get().kind() == ConfigKind.LISTENER_STATUS) {
      ListenerKey listener = new ListenerKey(key.get().tenant(), key.get().id());
      board.known(listener, catalog.status(listener).orElse(null));
      dirty |= record.value() == null;
    }
  }

  /** Brings what runs in line with what should run, for the listeners this runner owns. */
  private void reconcile() {
    Set<ListenerKey> keys = new HashSet<>(catalog.listenerKeys());
    keys.addAll(running.keys());
    keys.addAll(catalog.statusKeys());
    for (ListenerKey key : keys) {
      if (!membership.owns(key)) {
        running.stop(key);
        continue;
      }
      Optional<ListenerDocument> listener = catalog.listener(key);
      if (listener.isEmpty()) {
        running.stop(key);
        if (catalog.status(key).isPresent()) {
          board.remove(key);
        }
        continue;
      }
      ListenerPlan.Decision decision =
          ListenerPlan.decide(key, listener.get(), catalog, config.cipher());
      if (decision instanceof ListenerPlan.Decision.Run run) {
        running.run(run.spec());
      } else if (decision instanceof ListenerPlan.Decision.Idle idle) {
        running.stop(key);
        board.report(key, idle.state(), idle.message());
      }
    }
    runningView = running.keys();
  }

  /** The group took these partitions away: their clients stop, the new owner reports. */
  private void release(Set<Integer> partitions) {
    for (ListenerKey key : running.keys()) {
      if (membership.belongsTo(key, partitions)) {
        running.stop(key);
      }
    }
    // The new owner may only start once these are down; so flush what they reported.
    producer.flush();
    runningView = running.keys();
    dirty = true;
  }

  private void take(Set<Integer> partitions) {
    board.forget(key -> membership.belongsTo(key, partitions));
    dirty = true;
  }

  private void shutDown() {
    for (ListenerKey key : running.keys()) {
      running.stop(key);
      board.report(key, ListenerStatus.State.STOPPED, "runner " + config.runnerId() + " shut down");
    }
    runningView = Set.of();
    closeQuietly(producer::flush);
    // Leaving the group hands the partitions over at once; the statuses above come first.
    if (membership != null) {
      closeQuietly(membership::close);
    }
    closeQuietly(configLog::close);
    closeQuietly(salesforce::close);
    scheduler.shutdownNow();
    closeQuietly(producer::close);
    closeQuietly(admin::close);
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.debug("closing failed: {}", e.getMessage());
    }
  }

  /** Stops every client (reporting them stopped), leaves the group and closes Kafka clients. */
  @Override
  public void close() {
    stopping = true;
    if (Thread.currentThread() != loop && loop.isAlive()) {
      configLog.wakeup();
      try {
        finished.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (!loop.isAlive() && finished.getCount() > 0) {
      shutDown();
      finished.countDown();
    }
  }

  /** Runs a listener runner until the process is stopped. Options: see {@link RunnerOption}. */
  public static void main(String[] args) throws InterruptedException {
    if (List.of(args).contains("--help")) {
      System.out.println(
          "CxEngage listener runner. Options (flag, environment variable, default):");
      for (RunnerOption option : RunnerOption.values()) {
        System.out.printf(
            "  --%s=... (%s, default %s)%n      %s%n",
            option.flag(),
            option.env(),
            option.defaultValue() == null ? "none" : "'" + option.defaultValue() + "'",
            option.description());
      }
      return;
    }
    ListenerRunner runner;
    try {
      runner = start(ListenerRunnerConfig.from(System.getenv(), args));
    } catch (RuntimeException e) {
      System.err.println("cannot start: " + e.getMessage());
      System.exit(e instanceof IllegalArgumentException ? 2 : 1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runner.close();
                  stopped.countDown();
                },
                "cx-listener-runner-shutdown"));
    stopped.await();
  }
}
