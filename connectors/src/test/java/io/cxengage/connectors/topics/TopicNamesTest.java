package io.cxengage.connectors.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

  @Test
  void prefixesEveryTopicAndKeepsTheConfigLogInOnePartition() {
    TopicNames names = new TopicNames("staging-");
    assertThat(names.events()).isEqualTo("staging-cx.events");
    assertThat(names.newTopics(4, (short) 1))
        .extracting(NewTopic::name, NewTopic::numPartitions)
        .contains(
            org.assertj.core.groups.Tuple.tuple("staging-cx.config", 1),
            org.assertj.core.groups.Tuple.tuple("staging-cx.events", 4));
    NewTopic config =
        names.newTopics(4, (short) 1).stream()
            .filter(t -> t.name().equals("staging-cx.config"))
            .findFirst()
            .orElseThrow();
    assertThat(config.configs()).containsEntry("cleanup.policy", "compact");
  }

  @Test
  void refusesPrefixesKafkaWouldRefuse() {
    assertThatThrownBy(() -> new TopicNames("a b")).hasMessageContaining("topic-prefix");
  }
}
