package io.cxengage.connectors.topics;

/**
 * Headers of {@code cx.events} records.
 *
 * <p>{@link #CONFIG_OFFSET}: the offset of {@code cx.config} up to which the writer (the admin API)
 * had applied the configuration when it accepted the event. The job matches the event only once its
 * own view of the configuration has reached that offset, so a pattern (tenant, key attribute,
 * integration) saved before an event was submitted always applies to it. Events written by other
 * producers carry no such header and are matched at once.
 */
public final class EventHeaders {

  public static final String CONFIG_OFFSET = "cx-config-offset";

  private EventHeaders() {}
}
