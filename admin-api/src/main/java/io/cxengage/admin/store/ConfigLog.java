package io.cxengage.admin.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration log ({@code cx.config}, one partition, compacted): the system of record of
 * every tenant's configuration.
 *
 * <p>A consumer thread applies every record, in log order, to a {@link ConfigView}. A write is
 * produced (idempotent, {@code acks=all}) and returns only once that thread has applied the log up
 * to the written record, so a caller reads its own writes. Ids are allocated by claims counted in
 * log order, which every instance counts the same way.
 */
public final class ConfigLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLog.class);

  private final TopicPartition partition;
  private final KafkaClients clients;
  private final ConfigView view = new ConfigView();
  private final KafkaProducer<String, byte[]> producer;
  private final Admin admin;
  private final Thread reader;
  private final Object progress = new Object();
  private volatile boolean running = true;
  private volatile long applied; // the next offset to apply
  private volatile long loadedAt = -1; // the end offset at start, once reached
  private volatile Throwable readerFailure;
  private volatile KafkaConsumer<String, byte[]> consumer;

  private ConfigLog(String topic, KafkaClients clients) {
    this.partition = new TopicPartition(topic, 0);
    this.clients = clients;
    this.producer = clients.producer("cx-admin-config", 0);
    this.admin = clients.admin();
    this.reader = new Thread(this::read, "cx-config-log-reader");
    this.reader.setDaemon(true);
  }

  /** Opens the log and returns once the view holds everything written before this call. */
  public static ConfigLog open(String topic, KafkaClients clients, Duration loadTimeout) {
    ConfigLog log = new ConfigLog(topic, clients);
    try {
      long end = log.endOffset();
      log.reader.start();
      log.awaitPosition(end, loadTimeout);
      log.loadedAt = end;
      LOG.info("configuration log {} loaded: {} records", topic, end);
      return log;
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
  }

  public ConfigView view() {
    return view;
  }

  /** Whether the log was read to its end at start and the reader is still alive. */
  public boolean loaded() {
    return loadedAt >= 0 && reader.isAlive() && readerFailure == null;
  }

  /** Whether the broker answers within a second. */
  public boolean kafkaReachable() {
    try {
      admin.describeCluster().clusterId().get(1, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /** The offset the view has been applied up to (exclusive). */
  public long position() {
    return applied;
  }

  /** Writes a document and returns once the view shows it. */
  public void put(ConfigKey key, ObjectNode document) {
    append(key.toString(), Json.writeBytes(document));
  }

  /** Deletes a key (a tombstone) and returns once the view no longer shows it. */
  public void delete(ConfigKey key) {
    append(key.toString(), null);
  }

  /**
   * Allocates the next id with {@code prefix} for a tenant ({@code PT3}): writes a claim and takes
   * its rank among the tenant's claims of that prefix in log order. Unique across instances, and
   * never reused, as claims are never deleted.
   */
  public String allocateId(String tenant, String prefix) {
    String claim =
        ConfigKey.of(tenant, ConfigKind.ID_CLAIM, prefix + "/" + UUID.randomUUID()).toString();
    ObjectNode value = Json.mapper().createObjectNode().put("prefix", prefix);
    append(claim, Json.writeBytes(value));
    int rank =
        view.claimRank(claim)
            .orElseThrow(
                () -> new ConfigLogException("the id claim " + claim + " was not applied"));
    return prefix + rank;
  }

  /** Waits until the view holds every record written to the log before this call. */
  public void sync() {
    awaitPosition(endOffset(), clients.timeout());
  }

  private void append(String key, byte[] value) {
    long offset;
    try {
      offset =
          producer
              .send(new ProducerRecord<>(partition.topic(), 0, key, value))
              .get(clients.timeout().toMillis() * 2, TimeUnit.MILLISECONDS)
              .offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigLogException("interrupted while writing to the configuration log", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new ConfigLogException(
          "the configuration log could not be written: " + cause.getMessage(), cause);
    }
    awaitPosition(offset + 1, clients.timeout());
  }

  private long endOffset() {
    try {
      return admin
          .listOffsets(Map.of(partition, OffsetSpec.latest()))
          .partitionResult(partition)
          .get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS)
          .offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigLogException("interrupted while reading the configuration log's end", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new ConfigLogException(
          "the end of the configuration log "
              + partition.topic()
              + " cannot be read (is Kafka reachable and the topic created?): "
              + cause.getMessage(),
          cause);
    }
  }

  private void awaitPosition(long position, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (applied < position) {
        if (readerFailure != null) {
          throw new ConfigLogException(
              "the configuration log reader stopped: " + readerFailure.getMessage(), readerFailure);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new ConfigLogException(
              "the configuration log was not read up to offset "
                  + position
                  + " within "
                  + timeout.toMillis()
                  + " ms (applied up to "
                  + applied
                  + ")");
        }
        try {
          progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ConfigLogException("interrupted while waiting for the configuration log", e);
        }
      }
    }
  }

  private void read() {
    try (KafkaConsumer<String, byte[]> c = clients.consumer("cx-admin-config-reader")) {
      consumer = c;
      c.assign(List.of(partition));
      c.seekToBeginning(List.of(partition));
      while (running) {
        for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
          view.apply(record.key(), record.value());
        }
        long position = c.position(partition);
        if (position != applied) {
          synchronized (progress) {
            applied = position;
            progress.notifyAll();
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      if (running) {
        LOG.error("the configuration log reader stopped", e);
        readerFailure = e;
      }
    } finally {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
