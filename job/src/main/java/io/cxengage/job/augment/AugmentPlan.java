package io.cxengage.job.augment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a subject (an event, or a match's context) needs from its tenant's augments of one service,
 * decided once where the subject enters the augment stages, so that the stages need no
 * configuration of their own.
 *
 * @param viaRows whether the subject passes the file stage: true for every subject of a tenant with
 *     a usable file augment, even one without a join value, so that a customer's subjects all take
 *     the same path and stay in order
 * @param lookups the rows to look up: one per file augment whose join attribute the subject has
 * @param calls the API augments to call
 */
public record AugmentPlan(boolean viaRows, List<FileLookup> lookups, List<ApiCall> calls) {

  /**
   * A row to look up in {@code cx.augment-rows}.
   *
   * @param rowKey {@code tenant/augmentId/joinValue}, the key of the row's record
   */
  public record FileLookup(
      String augmentId, String rowKey, String joinAttribute, List<String> attributes) {}

  /** A call of an API augment. */
  public record ApiCall(String augmentId, String url, List<String> attributes) {}

  /**
   * The plan of a subject, or null when the tenant has no usable augment of that service.
   *
   * @param augments the tenant's usable augments of one service, in the order they apply
   * @param attributes the subject's attributes, where join values are read
   */
  public static AugmentPlan of(String tenant, List<Augment> augments, JsonNode attributes) {
    if (augments.isEmpty()) {
      return null;
    }
    boolean viaRows = false;
    List<FileLookup> lookups = new ArrayList<>();
    List<ApiCall> calls = new ArrayList<>();
    for (Augment a : augments) {
      if (a.type() == Augment.Type.API) {
        calls.add(new ApiCall(a.id(), a.url(), a.attributes()));
        continue;
      }
      viaRows = true;
      JsonNode value = a.joinAttribute().read(attributes);
      // the CSV's values are text: an event's number or boolean is compared by its text
      if (value != null && value.isValueNode()) {
        lookups.add(
            new FileLookup(
                a.id(),
                tenant + "/" + a.id() + "/" + value.asText(),
                a.joinAttribute().name(),
                a.attributes()));
      }
    }
    return new AugmentPlan(viaRows, lookups, calls);
  }
}
