package io.cxengage.connectors.listeners;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of the assignment topic owns a listener: murmur2 of {@code tenant/LIn}, as Kafka
 * partitions keys, modulo the topic's partition count. The runner that the consumer group gives a
 * partition to runs exactly the listeners that hash to it.
 */
public final class ListenerAssignment {

  private ListenerAssignment() {}

  public static int partitionOf(ListenerKey key, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("the assignment topic needs at least one partition");
    }
    byte[] bytes = key.toString().getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
  }
}
