package io.cxengage.job.model;

/**
 * One record of the configuration log as the job receives it: the key ({@code tenant/kind/id}), the
 * document as JSON text (null for a deletion) and its offset in the log.
 */
public record ConfigUpdate(String key, String value, long offset) {}
