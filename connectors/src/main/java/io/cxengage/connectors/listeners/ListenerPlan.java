package io.cxengage.connectors.listeners;

import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.config.ListenerDocument;
import io.cxengage.connectors.secrets.SecretCipher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what should become of one listener, from the catalog alone: run a client with a {@link
 * ListenerSpec}, or stay idle as {@code stopped} (disabled) or {@code failed} (with the reason a
 * tenant can act on). Pure: no Kafka, no clients.
 */
public final class ListenerPlan {

  static final List<String> TYPES = List.of("salesforce", "datasift", "generic");

  /** The decision. */
  public sealed interface Decision {

    /** A client should run with this spec. */
    record Run(ListenerSpec spec) implements Decision {}

    /** No client should run; the status says why. */
    record Idle(ListenerStatus.State state, String message) implements Decision {}
  }

  private ListenerPlan() {}

  /** The decision for an existing listener. */
  public static Decision decide(
      ListenerKey key, ListenerDocument listener, ListenerCatalog catalog, SecretCipher cipher) {
    if (!listener.enabled()) {
      return new Decision.Idle(ListenerStatus.State.STOPPED, "the listener is disabled");
    }
    String type = listener.type();
    if (type == null || !TYPES.contains(type)) {
      return failed("unknown listener type '" + type + "'; use " + String.join(", ", TYPES));
    }
    String keyAttribute = catalog.keyAttribute(key.tenant());
    Optional<String> problem = RecordMapper.mappingProblem(listener.mapping(), keyAttribute);
    if (problem.isPresent()) {
      return failed(problem.get());
    }
    IntegrationDocument credentials = null;
    if (!type.equals("generic")) {
      Optional<IntegrationDocument> stored = catalog.integration(key.tenant(), type);
      if (stored.isEmpty()) {
        return failed(
            "tenant "
                + key.tenant()
                + " has no "
                + type
                + " integration: create it with POST /1.0/tenants/"
                + key.tenant()
                + "/integrations/"
                + type);
      }
      try {
        credentials = decrypted(stored.get(), cipher);
      } catch (IllegalArgumentException e) {
        return failed("the " + type + " integration's secrets: " + e.getMessage());
      }
    }
    return new Decision.Run(new ListenerSpec(key, listener, keyAttribute, credentials));
  }

  /** The integration with its secret fields decrypted. */
  static IntegrationDocument decrypted(IntegrationDocument stored, SecretCipher cipher) {
    Map<String, Object> fields = new LinkedHashMap<>(stored.fields());
    fields.replaceAll(
        (name, value) ->
            IntegrationDocument.isSecret(name) && value instanceof String text
                ? cipher.decrypt(text)
                : value);
    return new IntegrationDocument(fields);
  }

  private static Decision failed(String message) {
    return new Decision.Idle(ListenerStatus.State.FAILED, message);
  }
}
