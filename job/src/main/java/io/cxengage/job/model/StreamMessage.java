package io.cxengage.job.model;

/** The rendered body of a {@code generic message}, for {@code cx.stream}. */
public record StreamMessage(String tenant, String sendId, String body) {}
