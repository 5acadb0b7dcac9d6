package io.cxengage.job.kafka;

import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.connectors.records.ReactionRecord;
import io.cxengage.connectors.topics.Topic;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.job.augment.AugmentRow;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.model.RawEvent;
import io.cxengage.job.model.StreamMessage;
import io.cxengage.job.serde.JsonTypeInfo;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The job's Kafka sources and sinks, per the topic contracts of design.md: {@code cx.events},
 * {@code cx.config} and {@code cx.augment-rows} in; {@code cx.reactions}, {@code cx.stream} and
 * {@code cx.deadletter} out.
 *
 * <p>Delivery: {@code cx.reactions} and {@code cx.deadletter} are written in Kafka transactions
 * committed at each checkpoint, so a read-committed reader sees every record exactly once even
 * across failures (read-uncommitted readers see records at once, but may see those of an aborted
 * attempt again, recognisable by their send id). {@code cx.stream} is written at once with an
 * idempotent producer and the send id in the header {@code cx-send-id}, for live sockets.
 */
public final class KafkaIo {

  public static final String SEND_ID_HEADER = Topic.SEND_ID_HEADER;

  private final String bootstrap;
  private final TopicNames topics;
  private final String groupId;
  private final DeliveryGuarantee outputs;

  public KafkaIo(String bootstrap, TopicNames topics, String groupId, DeliveryGuarantee outputs) {
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.groupId = groupId;
    this.outputs = outputs;
  }

  public DataStream<RawEvent> events(StreamExecutionEnvironment env) {
    KafkaSource<RawEvent> source =
        KafkaSource.<RawEvent>builder()
            .setBootstrapServers(bootstrap)
            .setTopics(topics.events())
            .setGroupId(groupId)
            .setStartingOffsets(
                OffsetsInitializer.committedOffsets(
                    org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
            .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
            .setProperty("commit.offsets.on.checkpoint", "true")
            .setDeserializer(new RawEventDeserializer())
            .build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "cx.events")
        .uid("cx-events-source");
  }

  public DataStream<ConfigUpdate> config(StreamExecutionEnvironment env) {
    KafkaSource<ConfigUpdate> source =
        KafkaSource.<ConfigUpdate>builder()
            .setBootstrapServers(bootstrap)
            .setTopics(topics.config())
            .setGroupId(groupId + "-config")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new ConfigDeserializer())
            .build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "cx.config")
        .uid("cx-config-source")
        .setParallelism(1);
  }

  /**
   * The rows of uploaded augment files, from the beginning of the compacted topic (a restored job
   * goes on from its checkpoint): every live row ends up in the job's keyed state.
   */
  public DataStream<AugmentRow> augmentRows(StreamExecutionEnvironment env) {
    KafkaSource<AugmentRow> source =
        KafkaSource.<AugmentRow>builder()
            .setBootstrapServers(bootstrap)
            .setTopics(topics.augmentRows())
            .setGroupId(groupId + "-augment-rows")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new AugmentRowDeserializer())
            .build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "cx.augment-rows")
        .uid("cx-augment-rows-source");
  }

  public void reactions(DataStream<ReactionRecord> reactions) {
    reactions
        .sinkTo(
            sink(
                topics.reactions(),
                (ReactionRecord r) -> r.tenant(),
                r -> Json.writeBytes(r),
                r -> r.sendId(),
                outputs,
                "cx-reactions"))
        .uid("cx-reactions-sink")
        .name("cx.reactions");
  }

  public void deadLetters(DataStream<DeadLetterRecord> dead) {
    dead.sinkTo(
            sink(
                topics.deadletter(),
                (DeadLetterRecord d) -> d.tenant(),
                d -> Json.writeBytes(d),
                d -> null,
                outputs,
                "cx-deadletter"))
        .uid("cx-deadletter-sink")
        .name("cx.deadletter");
  }

  public void stream(DataStream<StreamMessage> stream) {
    stream
        .sinkTo(
            sink(
                topics.stream(),
                (StreamMessage m) -> m.tenant(),
                m -> m.body().getBytes(StandardCharsets.UTF_8),
                StreamMessage::sendId,
                DeliveryGuarantee.AT_LEAST_ONCE,
                "cx-stream"))
        .uid("cx-stream-sink")
        .name("cx.stream");
  }

  /**
   * The offset at which {@code cx.config} ended now (-1 when empty): the job is ready once it has
   * read that far.
   */
  public long configEndOffset() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicPartition tp = new TopicPartition(topics.config(), 0);
      long end =
          admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
      return end - 1;
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot read the end of " + topics.config() + " at " + bootstrap, e);
    }
  }

  private interface Field<T, R> extends java.io.Serializable {
    R of(T t);
  }

  private <T> KafkaSink<T> sink(
      String topic,
      Field<T, String> key,
      Field<T, byte[]> value,
      Field<T, String> sendId,
      DeliveryGuarantee guarantee,
      String txPrefix) {
    KafkaRecordSerializationSchema<T> schema =
        (element, context, timestamp) -> {
          ProducerRecord<byte[], byte[]> record =
              new ProducerRecord<>(
                  topic,
                  null,
                  timestamp,
                  key.of(element) == null ? null : key.of(element).getBytes(StandardCharsets.UTF_8),
                  value.of(element));
          String id = sendId.of(element);
          if (id != null) {
            record
                .headers()
                .add(new RecordHeader(SEND_ID_HEADER, id.getBytes(StandardCharsets.UTF_8)));
          }
          return record;
        };
    return KafkaSink.<T>builder()
        .setBootstrapServers(bootstrap)
        .setRecordSerializer(schema)
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(topics.prefix() + txPrefix + "-" + groupId)
        .setProperty("enable.idempotence", "true")
        .setProperty("acks", "all")
        .setProperty("linger.ms", "0")
        .setProperty("transaction.timeout.ms", "900000")
        .build();
  }

  /** Raw events keep their bytes; parsing (and its failures) belong to the job. */
  static final class RawEventDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RawEvent> out) {
      String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
      out.collect(
          new RawEvent(
              key,
              r.value(),
              r.topic(),
              r.partition(),
              r.offset(),
              r.timestamp(),
              configOffset(r)));
    }

    /** The configuration offset the writer had applied, or -1 (no header, or a foreign one). */
    static long configOffset(ConsumerRecord<byte[], byte[]> r) {
      var header = r.headers().lastHeader(io.cxengage.connectors.topics.EventHeaders.CONFIG_OFFSET);
      if (header == null) {
        return -1;
      }
      try {
        return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8).trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
      return JsonTypeInfo.of(RawEvent.class);
    }
  }

  /** Augment rows: key and the row's JSON text (null for a deletion); keyless records dropped. */
  static final class AugmentRowDeserializer
      implements KafkaRecordDeserializationSchema<AugmentRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<AugmentRow> out) {
      if (r.key() == null) {
        return;
      }
      out.collect(
          new AugmentRow(
              new String(r.key(), StandardCharsets.UTF_8),
              r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
    }

    @Override
    public TypeInformation<AugmentRow> getProducedType() {
      return JsonTypeInfo.of(AugmentRow.class);
    }
  }

  /** Configuration records: key, document text (null for a deletion), offset. */
  static final class ConfigDeserializer implements KafkaRecordDeserializationSchema<ConfigUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<ConfigUpdate> out) {
      if (r.key() == null) {
        return;
      }
      out.collect(
          new ConfigUpdate(
              new String(r.key(), StandardCharsets.UTF_8),
              r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
              r.offset()));
    }

    @Override
    public TypeInformation<ConfigUpdate> getProducedType() {
      return JsonTypeInfo.of(ConfigUpdate.class);
    }
  }
}
