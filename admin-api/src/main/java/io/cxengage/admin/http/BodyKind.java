package io.cxengage.admin.http;

import java.util.List;

/** What a route reads from the request body, with the content types it accepts. */
public enum BodyKind {
  NONE(List.of()),
  JSON(List.of("application/json")),
  FORM(List.of("application/x-www-form-urlencoded")),
  EVENTS(List.of("application/json", "application/x-ndjson")),
  CSV(List.of("text/csv", "multipart/form-data"));

  private final List<String> contentTypes;

  BodyKind(List<String> contentTypes) {
    this.contentTypes = contentTypes;
  }

  /** The content types described in the OpenAPI document. */
  public List<String> contentTypes() {
    return contentTypes;
  }
}
