package io.cxengage.job.model;

import io.cxengage.dsl.event.CustomerEvent;

/** An event that parsed: the tenant it is for and the event (id, event time, attributes). */
public record ParsedEvent(String tenant, CustomerEvent event, long configOffset) {}
