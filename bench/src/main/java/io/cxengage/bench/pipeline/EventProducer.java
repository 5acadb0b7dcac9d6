package io.cxengage.bench.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the workload's events to {@code cx.events} as a client would: keyed {@code
 * tenant/customer} (so a customer's events stay in order on one partition), acknowledged by the
 * broker.
 */
final class EventProducer implements AutoCloseable {

  /** Event time of pre-produced events advances 1 ms every this many events. */
  static final int EVENTS_PER_MILLI = 10;

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  // the producer's callbacks run on its I/O thread: a failure is kept and thrown on the next flush
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  EventProducer(String bootstrap, String topic) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                2,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /**
   * Produces all {@code events} before the job starts. Their event time starts now and advances
   * {@value #EVENTS_PER_MILLI} events per millisecond, whatever the speed of the job, so every run
   * of the same events sees the same windows: with 100,000 keys a customer has an event every 10 s
   * of event time on average.
   */
  void produceAll(PipelineWorkload.Event[] events) {
    produceAll(events, System.currentTimeMillis());
  }

  /**
   * As {@link #produceAll(PipelineWorkload.Event[])} from event time {@code start}; returns the
   * event time that follows the last event, to continue from without going back in time.
   */
  long produceAll(PipelineWorkload.Event[] events, long start) {
    for (int i = 0; i < events.length; i++) {
      PipelineWorkload.Event e = events[i];
      send(e, start + i / EVENTS_PER_MILLI, micros());
    }
    flush();
    return start + events.length / EVENTS_PER_MILLI + 1;
  }

  /**
   * Produces events of {@code workload} at {@code perSecond} until {@code stop} says so, each with
   * the instant it is sent as its event time; returns how many it sent. Paced on a fixed schedule,
   * so a slow send is caught up rather than lowering the rate.
   */
  long paced(PipelineWorkload workload, double perSecond, BooleanSupplier stop) {
    long interval = (long) (1e9 / perSecond);
    long next = System.nanoTime();
    long sent = 0;
    while (!stop.getAsBoolean()) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long micros = micros();
      send(workload.next(), micros / 1000, micros);
      sent++;
      next += interval;
    }
    flush();
    return sent;
  }

  private void send(PipelineWorkload.Event e, long timestamp, long sentMicros) {
    producer.send(
        new ProducerRecord<>(topic, null, timestamp, e.recordKey(), e.json(timestamp, sentMicros)),
        (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
  }

  private void flush() {
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("producing an event failed", failure.get());
    }
  }

  /** Now, in epoch microseconds. */
  static long micros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  @Override
  public void close() {
    producer.close();
  }
}
