package io.cxengage.connectors.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topic names of one installation: the base names of {@link Topic} behind a configurable
 * prefix, so that two installations can share a Kafka cluster ({@code "" } gives {@code cx.events},
 * {@code "staging-"} gives {@code staging-cx.events}).
 */
public final class TopicNames implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]*");

  private final String prefix;

  public TopicNames(String prefix) {
    if (prefix == null || !LEGAL.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "topic prefix '"
              + prefix
              + "' may only contain letters, digits, '.', '_' and '-' (option topic-prefix)");
    }
    this.prefix = prefix;
  }

  /** The names without a prefix. */
  public static TopicNames defaults() {
    return new TopicNames("");
  }

  public String prefix() {
    return prefix;
  }

  public String name(Topic topic) {
    return prefix + topic.baseName();
  }

  public String events() {
    return name(Topic.EVENTS);
  }

  public String config() {
    return name(Topic.CONFIG);
  }

  public String augmentRows() {
    return name(Topic.AUGMENT_ROWS);
  }

  public String reactions() {
    return name(Topic.REACTIONS);
  }

  public String stream() {
    return name(Topic.STREAM);
  }

  public String deadletter() {
    return name(Topic.DEADLETTER);
  }

  /**
   * The listener runners' assignment topic. It carries no records: the runners form a consumer
   * group on it, and the partitions the group gives a runner decide the listeners it runs. The
   * runner creates it (with its own partition count), so it is not among {@link #newTopics}.
   */
  public String listenerAssignment() {
    return prefix + "cx.listener-assignment";
  }

  /**
   * The topics to create at start-up. {@code cx.config} always has one partition: its total order
   * is what makes id allocation and the broadcast configuration deterministic.
   */
  public List<NewTopic> newTopics(int partitions, short replicationFactor) {
    List<NewTopic> topics = new ArrayList<>();
    for (Topic topic : Topic.values()) {
      int count = topic == Topic.CONFIG ? 1 : partitions;
      NewTopic newTopic = new NewTopic(name(topic), count, replicationFactor);
      if (topic.compacted()) {
        newTopic.configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000"));
      } else if (topic == Topic.STREAM) {
        newTopic.configs(Map.of("retention.ms", String.valueOf(60 * 60 * 1000)));
      }
      topics.add(newTopic);
    }
    return topics;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicNames other && other.prefix.equals(prefix);
  }

  @Override
  public int hashCode() {
    return prefix.hashCode();
  }

  @Override
  public String toString() {
    return "TopicNames[prefix=" + prefix + "]";
  }
}
