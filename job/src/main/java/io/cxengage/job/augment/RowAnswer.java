package io.cxengage.job.augment;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to a {@link RowRequest}: the row's attributes to merge, or null when there is no row
 * for the join value.
 */
public record RowAnswer(
    String routingKey, String subjectId, String augmentId, ObjectNode attributes) {}
