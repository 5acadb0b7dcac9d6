package io.cxengage.connectors.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.IntegrationDocument;
import java.util.Objects;

/**
 * One attempt at one send: what to send ({@code integration}, {@code action}, rendered {@code
 * params}), for whom ({@code tenant}, whose decrypted {@code credentials} are used) and which try
 * this is ({@code attempt}, 1-based). {@code sendId} is the deterministic id of the send, the same
 * for every attempt, so the service or its webhooks can recognise a repeat.
 */
public record SendRequest(
    String sendId,
    String tenant,
    String integration,
    String action,
    ObjectNode params,
    IntegrationDocument credentials,
    int attempt) {

  public SendRequest {
    Objects.requireNonNull(sendId, "sendId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(integration, "integration");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(params, "params");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt is 1-based; got " + attempt);
    }
  }

  /** Credentials and params are left out: they hold secrets and personal data. */
  @Override
  public String toString() {
    return "SendRequest[sendId=%s, tenant=%s, integration=%s, action=%s, attempt=%d]"
        .formatted(sendId, tenant, integration, action, attempt);
  }
}
