package io.cxengage.connectors.topics;

/**
 * The Kafka topics that connect the processes of CxEngage (design.md, "Kafka topics"). Each has a
 * base name; an installation adds its own prefix (see {@link TopicNames}).
 */
public enum Topic {
  /** Customer events. Key: tenant id (or {@code tenant/anything}); value: the event object. */
  EVENTS("cx.events", false),
  /** The system of record of every tenant's configuration. Key: {@code tenant/kind/id}. */
  CONFIG("cx.config", true),
  /** Uploaded CSV rows. Key: {@code tenant/augmentId/joinValue}; value: the row's attributes. */
  AUGMENT_ROWS("cx.augment-rows", true),
  /** One record per send outcome. Key: tenant. */
  REACTIONS("cx.reactions", false),
  /** Rendered bodies of {@code generic message} sends. Key: tenant. */
  STREAM("cx.stream", false),
  /** Records that could not be processed, with their reason and stage. Key: tenant. */
  DEADLETTER("cx.deadletter", false);

  /**
   * The header of a {@link #STREAM} record that holds its send id (UTF-8): the job writes it, the
   * WebSocket relay drops a record whose id it has already delivered.
   */
  public static final String SEND_ID_HEADER = "cx-send-id";

  private final String baseName;
  private final boolean compacted;

  Topic(String baseName, boolean compacted) {
    this.baseName = baseName;
    this.compacted = compacted;
  }

  public String baseName() {
    return baseName;
  }

  /** Whether the topic is compacted (kept by key) rather than kept for a time. */
  public boolean compacted() {
    return compacted;
  }
}
