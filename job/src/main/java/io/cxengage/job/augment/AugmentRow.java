package io.cxengage.job.augment;

/**
 * A record of {@code cx.augment-rows}: its key {@code tenant/augmentId/joinValue} and the row's
 * attributes as JSON text, or null when the row is deleted.
 */
public record AugmentRow(String key, String value) {

  /** The tenant of the row, or null when the key is not {@code tenant/augmentId/joinValue}. */
  public String tenant() {
    int first = key.indexOf('/');
    return first <= 0 ? null : key.substring(0, first);
  }

  /** The augment of the row, or null when the key is not {@code tenant/augmentId/joinValue}. */
  public String augmentId() {
    int first = key.indexOf('/');
    int second = first < 0 ? -1 : key.indexOf('/', first + 1);
    return first <= 0 || second <= first + 1 ? null : key.substring(first + 1, second);
  }
}
