package io.cxengage.job.model;

/**
 * A record of {@code cx.events} as read: its key, its value bytes, where it came from (so that its
 * id is stable across replays) and the record's own time.
 */
public record RawEvent(
    String key,
    byte[] value,
    String topic,
    int partition,
    long offset,
    long recordTimestamp,
    long configOffset) {

  /** The stable id of the event: {@code partition:offset}. */
  public String id() {
    return partition + ":" + offset;
  }
}
