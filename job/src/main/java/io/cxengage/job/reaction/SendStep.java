package io.cxengage.job.reaction;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A send the plan asks for: its step, its deterministic id, where it goes, its rendered params, the
 * event time at which it happens, and how many extra attempts it may make.
 */
public record SendStep(
    String path,
    String sendId,
    String integration,
    String action,
    ObjectNode params,
    long at,
    int retries) {}
