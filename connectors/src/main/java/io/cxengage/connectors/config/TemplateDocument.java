package io.cxengage.connectors.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A stored Mustache template ({@code tenant/template/TMn}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemplateDocument(
    String id, String name, String description, String template, Long version) {}
