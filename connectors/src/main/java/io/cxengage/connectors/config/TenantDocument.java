package io.cxengage.connectors.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tenant ({@code tenant/tenant/tenant}). {@code eventsPerSecond} is the tenant's intake rate
 * limit; absent means the installation's default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantDocument(
    String id,
    String name,
    @JsonProperty("events-per-second") Integer eventsPerSecond,
    Long version) {}
