package io.cxengage.connectors.listeners;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * This runner's share of the listeners, decided by Kafka's group membership: every runner joins one
 * consumer group on the assignment topic (which carries no records), and owns the listeners whose
 * {@link ListenerAssignment#partitionOf partition} the group assigned to it. Kafka gives each
 * partition to exactly one member; the cooperative sticky assignor moves only the partitions that
 * must move, and a partition is revoked from its old owner (whose clients stop in {@code
 * onRevoked}) before the new owner gets it. A runner that dies holds its partitions until the
 * group's session timeout passes.
 *
 * <p>Driven by {@link #poll}, always from the runner's loop thread.
 */
final class RunnerMembership implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final int partitions;
  private final Set<Integer> owned = new HashSet<>();

  RunnerMembership(
      String bootstrap,
      String topic,
      String group,
      String runnerId,
      int partitionsIfCreated,
      Admin admin,
      Duration timeout,
      Consumer<Set<Integer>> onRevoked,
      Consumer<Set<Integer>> onAssigned) {
    ensureTopic(admin, topic, partitionsIfCreated, timeout);
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "cx-listener-runner-" + runnerId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    // All runners must agree on the count: it is read from the topic, never from configuration.
    this.partitions = consumer.partitionsFor(topic, timeout).size();
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            Set<Integer> ids = ids(revoked);
            owned.removeAll(ids);
            onRevoked.accept(ids);
          }

          @Override
          public void onPartitionsLost(Collection<TopicPartition> lost) {
            onPartitionsRevoked(lost);
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            Set<Integer> ids = ids(assigned);
            owned.addAll(ids);
            onAssigned.accept(ids);
          }
        });
  }

  private static void ensureTopic(Admin admin, String topic, int partitions, Duration timeout) {
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
          .all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create the assignment topic " + topic + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + topic, e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Kafka did not create " + topic + " in time", e);
    }
  }

  private static Set<Integer> ids(Collection<TopicPartition> partitions) {
    Set<Integer> ids = new HashSet<>();
    partitions.forEach(p -> ids.add(p.partition()));
    return ids;
  }

  /** Takes part in the group; rebalance callbacks run inside. */
  void poll(Duration wait) {
    consumer.poll(wait);
  }

  boolean owns(ListenerKey key) {
    return owned.contains(ListenerAssignment.partitionOf(key, partitions));
  }

  /** Whether the listener belongs to one of these partitions. */
  boolean belongsTo(ListenerKey key, Set<Integer> partitionIds) {
    return partitionIds.contains(ListenerAssignment.partitionOf(key, partitions));
  }

  /** Leaves the group, so the others take over at once. */
  @Override
  public void close() {
    consumer.close();
  }
}
