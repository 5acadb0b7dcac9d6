package io.cxengage.connectors.listeners;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.connectors.topics.TopicNames;
import java.time.Instant;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what listeners receive: each record mapped by {@link RecordMapper} to {@code cx.events}
 * (key: the tenant, value: the event object), and each record that cannot be mapped, or whose event
 * is larger than the event limit, to {@code cx.deadletter} with its reason and stage {@code
 * listener}. The producer is idempotent with {@code acks=all}; sends do not wait.
 */
public final class EventWriter {

  private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);
  static final String STAGE = "listener";

  private final Producer<String, byte[]> producer;
  private final TopicNames topics;
  private final int maxEventBytes;

  public EventWriter(Producer<String, byte[]> producer, TopicNames topics, int maxEventBytes) {
    this.producer = producer;
    this.topics = topics;
    this.maxEventBytes = maxEventBytes;
  }

  /** Maps one record of the listener and writes the event or the dead letter. */
  public void write(ListenerSpec spec, JsonNode record) {
    ListenerKey key = spec.key();
    RecordMapper.Outcome outcome =
        RecordMapper.map(record, spec.listener().mapping(), spec.keyAttribute(), key.id());
    if (outcome instanceof RecordMapper.Outcome.Mapped mapped) {
      byte[] event = Json.writeBytes(mapped.event());
      if (event.length > maxEventBytes) {
        deadLetter(
            key,
            record,
            "the mapped event has "
                + event.length
                + " bytes, more than the limit of "
                + maxEventBytes);
        return;
      }
      producer.send(
          new ProducerRecord<>(topics.events(), key.tenant(), event),
          (metadata, error) -> {
            if (error != null) {
              LOG.error("listener {}: an event could not be written: {}", key, error.getMessage());
            }
          });
    } else if (outcome instanceof RecordMapper.Outcome.Unmappable unmappable) {
      deadLetter(key, record, unmappable.reason());
    }
  }

  private void deadLetter(ListenerKey key, JsonNode record, String reason) {
    DeadLetterRecord letter =
        new DeadLetterRecord(
            key.tenant(),
            "listener " + key.id() + ": " + reason,
            STAGE,
            record == null ? null : record.toString(),
            null,
            null,
            null,
            Instant.now().toString());
    producer.send(
        new ProducerRecord<>(topics.deadletter(), key.tenant(), Json.writeBytes(letter)),
        (metadata, error) -> {
          if (error != null) {
            LOG.error(
                "listener {}: a dead letter could not be written: {}", key, error.getMessage());
          }
        });
  }
}
