package io.cxengage.job.augment;

import java.util.List;

/**
 * A lookup of one row for one subject, sent to the row store keyed by {@link #rowKey}; the answer
 * goes back to the subject's {@link #routingKey}.
 */
public record RowRequest(
    String rowKey,
    String routingKey,
    String subjectId,
    String augmentId,
    String joinAttribute,
    List<String> attributes) {}
