package io.cxengage.admin.stream;

import io.cxengage.connectors.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays {@code cx.stream} to the WebSockets of this instance. One thread reads every partition
 * with {@code assign()} (no consumer group: every instance must see every message), from the end of
 * the log as it was at start, and hands each record to its tenant's sockets (key: tenant, value:
 * the rendered body). A record whose {@code cx-send-id} was delivered before is dropped. The same
 * thread pings idle sockets and looks for new partitions now and then; a partition found later is
 * read from the relay's start time, so nothing written to it after the start is missed.
 */
public final class StreamRelay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final TenantSockets sockets;
  private final StreamMetrics metrics;
  private final RecentSendIds recent;
  private final long pingNanos;
  private final long refreshNanos;
  private final long startMillis = System.currentTimeMillis();
  private final Set<TopicPartition> assigned = new HashSet<>();
  private volatile int partitionCount;
  private final Thread thread;
  private volatile boolean running = true;

  private StreamRelay(
      Consumer<String, byte[]> consumer,
      String topic,
      TenantSockets sockets,
      StreamMetrics metrics,
      StreamSettings settings) {
    this.consumer = consumer;
    this.topic = topic;
    this.sockets = sockets;
    this.metrics = metrics;
    this.recent = new RecentSendIds(settings.recentSendIds());
    this.pingNanos = settings.pingInterval().toNanos();
    this.refreshNanos = settings.partitionRefresh().toNanos();
    this.thread = new Thread(this::run, "cx-stream-relay");
    thread.setDaemon(true);
  }

  /**
   * Starts relaying. Returns once the relay's position in every partition is fixed, so a message
   * written after this returns reaches the sockets open at that time.
   */
  public static StreamRelay start(
      Consumer<String, byte[]> consumer,
      String topic,
      TenantSockets sockets,
      StreamMetrics metrics,
      StreamSettings settings) {
    StreamRelay relay = new StreamRelay(consumer, topic, sockets, metrics, settings);
    try {
      relay.assignAtEnd();
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
    relay.thread.start();
    return relay;
  }

  private void assignAtEnd() {
    List<TopicPartition> found = partitions();
    if (found.isEmpty()) {
      LOG.warn("{} does not exist yet: the relay looks for it again in a while", topic);
      return;
    }
    assigned.addAll(found);
    consumer.assign(assigned);
    partitionCount = assigned.size();
    consumer.seekToEnd(found);
    found.forEach(consumer::position); // resolves the end offsets now rather than at first poll
  }

  private void addNewPartitions() {
    List<TopicPartition> added = new ArrayList<>();
    for (TopicPartition p : partitions()) {
      if (!assigned.contains(p)) {
        added.add(p);
      }
    }
    if (added.isEmpty()) {
      return;
    }
    assigned.addAll(added);
    consumer.assign(assigned);
    partitionCount = assigned.size();
    Map<TopicPartition, Long> since = new HashMap<>();
    added.forEach(p -> since.put(p, startMillis));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
    for (TopicPartition p : added) {
      OffsetAndTimestamp at = offsets.get(p);
      if (at != null) {
        consumer.seek(p, at.offset());
      } else {
        consumer.seekToEnd(List.of(p));
      }
    }
    LOG.info("relaying {} partitions of {} ({} new)", assigned.size(), topic, added.size());
  }

  private List<TopicPartition> partitions() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    List<TopicPartition> partitions = new ArrayList<>();
    if (infos != null) {
      infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    }
    return partitions;
  }

  private void run() {
    long nextSweep = System.nanoTime() + pingNanos / 4;
    long nextRefresh = System.nanoTime() + refreshNanos;
    try {
      while (running) {
        try {
          if (assigned.isEmpty()) {
            Thread.sleep(POLL.toMillis());
          } else {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
              try {
                relay(record);
              } catch (RuntimeException e) {
                // one bad record must not cost the rest of the batch
                LOG.warn(
                    "could not relay {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
              }
            }
          }
          long now = System.nanoTime();
          if (now - nextSweep >= 0) {
            // a sweep every quarter interval: a socket is pinged within 1.25 intervals of its
            // last frame
            sockets.pingIdle(now, pingNanos);
            nextSweep = now + pingNanos / 4;
          }
          if (now - nextRefresh >= 0) {
            nextRefresh = now + refreshNanos;
            addNewPartitions();
          }
        } catch (WakeupException e) {
          // close() asks the loop to end
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          LOG.warn("the stream relay could not read {}; retrying: {}", topic, e.toString());
          pause();
        }
      }
    } finally {
      consumer.close();
    }
  }

  private void relay(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null || record.value() == null) {
      metrics.message(StreamMetrics.UNUSABLE);
      return;
    }
    Header id = record.headers().lastHeader(Topic.SEND_ID_HEADER);
    if (id != null
        && id.value() != null
        && !recent.firstTime(new String(id.value(), StandardCharsets.UTF_8))) {
      metrics.message(StreamMetrics.REPEAT);
      return;
    }
    String body = new String(record.value(), StandardCharsets.UTF_8);
    long start = System.nanoTime();
    int handed = sockets.deliver(record.key(), body, start);
    if (handed == 0) {
      metrics.message(StreamMetrics.NO_SOCKET);
    } else {
      metrics.handOff(System.nanoTime() - start);
      metrics.message(StreamMetrics.RELAYED);
    }
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** The partitions relayed now (for tests). */
  public int partitionCount() {
    return partitionCount;
  }

  /** Stops the thread and closes the consumer; the sockets stay open. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
