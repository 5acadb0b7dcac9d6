package io.cxengage.job.augment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.RoutedEvent;
import java.util.ArrayList;
import java.util.List;

/** Subjects and answers of customer {@code ann} of tenant {@code t}, as the gather sees them. */
final class GatherFixtures {

  private GatherFixtures() {}

  /** An event of ann that waits for one row of each of {@code augments}, joined on user. */
  static AugmentSubject subject(String id, long ts, String... augments) {
    List<AugmentPlan.FileLookup> lookups = new ArrayList<>();
    for (String a : augments) {
      lookups.add(new AugmentPlan.FileLookup(a, "t/" + a + "/ann", "user", null));
    }
    return AugmentSubject.of(
        new RoutedEvent(
            "t",
            "ann",
            new CustomerEvent(id, ts, (ObjectNode) Json.tree("{\"user\":\"ann\"}")),
            -1),
        new AugmentPlan(true, lookups, List.of()));
  }

  /** The answer of {@code augment} for {@code subject}: the row's attributes, or null for none. */
  static RowAnswer answer(String subject, String augment, String json) {
    return new RowAnswer(
        "t\u0000ann", subject, augment, json == null ? null : (ObjectNode) Json.tree(json));
  }
}
