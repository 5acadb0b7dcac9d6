package io.cxengage.connectors.dispatch;

import io.cxengage.connectors.config.IntegrationDocument;
import java.util.Optional;

/**
 * Reads a tenant's decrypted integration fields, failing with an {@link InvalidSendException} that
 * names the missing field (never its value).
 */
public final class Credentials {

  private final String integration;
  private final IntegrationDocument document;

  private Credentials(String integration, IntegrationDocument document) {
    this.integration = integration;
    this.document = document;
  }

  /** The request's credentials; a tenant without the integration configured fails here. */
  public static Credentials of(SendRequest request) {
    if (request.credentials() == null) {
      throw new InvalidSendException(
          "tenant "
              + request.tenant()
              + " has no "
              + request.integration()
              + " integration configured");
    }
    return new Credentials(request.integration(), request.credentials());
  }

  /**
   * A tenant's decrypted credentials for an integration, outside a send (the listener runner). A
   * missing document fails here, naming the tenant.
   */
  public static Credentials of(String tenant, String integration, IntegrationDocument document) {
    if (document == null) {
      throw new InvalidSendException(
          "tenant " + tenant + " has no " + integration + " integration configured");
    }
    return new Credentials(integration, document);
  }

  /** A mandatory field; blank counts as missing. */
  public String required(String name) {
    return optional(name)
        .orElseThrow(
            () ->
                new InvalidSendException(
                    "the " + integration + " integration has no '" + name + "' configured"));
  }

  /** An optional field; blank counts as absent. */
  public Optional<String> optional(String name) {
    return document.text(name).filter(text -> !text.isBlank());
  }

  public IntegrationDocument document() {
    return document;
  }
}
