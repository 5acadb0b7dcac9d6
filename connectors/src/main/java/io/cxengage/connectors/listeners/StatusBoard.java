package io.cxengage.connectors.listeners;

import io.cxengage.connectors.json.Json;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes listener statuses as {@code t/listener-status/LIn} documents on {@code cx.config}, the
 * one place the admin API reads them from. A report that says what the last one said is not written
 * again, so a flapping connection or the runner's periodic reconciliation costs no records.
 * Thread-safe: clients report from their own threads.
 */
public final class StatusBoard {

  private static final Logger LOG = LoggerFactory.getLogger(StatusBoard.class);

  private final Producer<String, byte[]> producer;
  private final String configTopic;
  private final String runnerId;
  private final Clock clock;
  private final Map<ListenerKey, ListenerStatus> last = new ConcurrentHashMap<>();
  private final Set<ListenerKey> removing = ConcurrentHashMap.newKeySet();

  public StatusBoard(
      Producer<String, byte[]> producer, String configTopic, String runnerId, Clock clock) {
    this.producer = producer;
    this.configTopic = configTopic;
    this.runnerId = runnerId;
    this.clock = clock;
  }

  /**
   * Takes a status read back from the log (null: removed), unless this runner has reported since.
   */
  void known(ListenerKey key, ListenerStatus status) {
    if (status == null) {
      removing.remove(key);
    } else {
      last.putIfAbsent(key, status);
    }
  }

  /**
   * Forgets what was reported for these listeners, so the next report is written whatever it says:
   * after a listener moved here from another runner, its last document may be that runner's.
   */
  void forget(Predicate<ListenerKey> which) {
    last.keySet().removeIf(which);
  }

  /** Writes the status unless it is already the latest. */
  public synchronized void report(ListenerKey key, ListenerStatus.State state, String message) {
    ListenerStatus status =
        new ListenerStatus(state, message, runnerId, clock.instant().toString());
    if (status.sameAs(last.get(key))) {
      return;
    }
    last.put(key, status);
    removing.remove(key);
    LOG.info("listener {} {}: {}", key, state.wireName(), message);
    send(key, Json.writeBytes(status));
  }

  /** Removes the status document of a deleted listener. */
  public synchronized void remove(ListenerKey key) {
    last.remove(key);
    if (removing.add(key)) {
      send(key, null);
    }
  }

  private void send(ListenerKey key, byte[] value) {
    producer.send(
        new ProducerRecord<>(configTopic, key.statusKey().toString(), value),
        (metadata, error) -> {
          if (error != null) {
            LOG.warn("the status of listener {} could not be written: {}", key, error.getMessage());
          }
        });
  }
}
