package io.cxengage.admin.augment;

import io.cxengage.admin.error.ServiceUnavailableException;
import io.cxengage.admin.store.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads ranges of {@code cx.augment-rows}: the partitions' end offsets, and every record of one
 * augment ({@code tenant/AUn/...}) inside given offset ranges, streamed to a callback so no file is
 * held in memory.
 */
public final class AugmentRows {

  private final KafkaClients clients;
  private final Admin admin;
  private final String topic;

  public AugmentRows(KafkaClients clients, Admin admin, String topic) {
    this.clients = clients;
    this.admin = admin;
    this.topic = topic;
  }

  public String topic() {
    return topic;
  }

  /** The end offset of every partition. */
  public Map<Integer, Long> endOffsets() {
    try {
      int partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS)
              .get(topic)
              .partitions()
              .size();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      Map<Integer, Long> ends = new HashMap<>();
      admin
          .listOffsets(request)
          .all()
          .get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS)
          .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
      return ends;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted while reading " + topic);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new ServiceUnavailableException(
          "the offsets of " + topic + " cannot be read: " + cause.getMessage());
    }
  }

  /**
   * Calls {@code each} with the key and value (null for a tombstone) of every record whose key
   * starts with {@code prefix} inside the ranges, partition by partition, in offset order.
   */
  public void scan(
      Map<String, UploadManifest.Range> ranges, String prefix, BiConsumer<String, byte[]> each) {
    if (ranges == null || ranges.isEmpty()) {
      return;
    }
    Map<Integer, Long> ends = null;
    try (KafkaConsumer<String, byte[]> consumer = clients.consumer("cx-admin-augment-rows")) {
      for (Map.Entry<String, UploadManifest.Range> entry : ranges.entrySet()) {
        int partition = Integer.parseInt(entry.getKey());
        UploadManifest.Range range = entry.getValue();
        long to;
        if (range.to() != null) {
          to = range.to();
        } else {
          ends = ends == null ? endOffsets() : ends;
          to = ends.getOrDefault(partition, range.from());
        }
        if (to > range.from()) {
          scanPartition(
              consumer, new TopicPartition(topic, partition), range.from(), to, prefix, each);
        }
      }
    }
  }

  private void scanPartition(
      KafkaConsumer<String, byte[]> consumer,
      TopicPartition partition,
      long from,
      long to,
      String prefix,
      BiConsumer<String, byte[]> each) {
    consumer.assign(List.of(partition));
    consumer.seek(partition, from);
    long deadline = System.nanoTime() + clients.timeout().toNanos() * 6;
    while (consumer.position(partition) < to) {
      List<ConsumerRecord<String, byte[]>> records =
          new ArrayList<>(consumer.poll(Duration.ofMillis(200)).records(partition));
      if (records.isEmpty() && System.nanoTime() > deadline) {
        throw new ServiceUnavailableException(
            "reading " + partition + " up to offset " + to + " timed out");
      }
      for (ConsumerRecord<String, byte[]> record : records) {
        if (record.offset() >= to) {
          return;
        }
        if (record.key() != null && record.key().startsWith(prefix)) {
          each.accept(record.key(), record.value());
        }
      }
      if (!records.isEmpty()) {
        deadline = System.nanoTime() + clients.timeout().toNanos() * 6;
      }
    }
  }
}
