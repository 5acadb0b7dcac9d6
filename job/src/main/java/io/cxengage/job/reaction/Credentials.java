package io.cxengage.job.reaction;

import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.secrets.SecretCipher;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tenants' integration documents from the configuration log, decrypted when used. Secrets stay
 * encrypted in memory and state; only the document handed to a dispatcher holds them in clear.
 */
final class Credentials {

  private final Map<String, Map<String, IntegrationDocument>> byTenant = new HashMap<>();
  private final SecretCipher cipher;

  Credentials(String secretKey) {
    this.cipher =
        secretKey == null || secretKey.isBlank() ? null : SecretCipher.fromBase64(secretKey);
  }

  /** Applies a configuration record; records of other kinds are ignored. */
  void apply(String key, String value) {
    Optional<ConfigKey> k = ConfigKey.parse(key);
    if (k.isEmpty() || k.get().kind() != ConfigKind.INTEGRATION) {
      return;
    }
    Map<String, IntegrationDocument> docs =
        byTenant.computeIfAbsent(k.get().tenant(), t -> new HashMap<>());
    if (value == null) {
      docs.remove(k.get().id());
    } else {
      docs.put(k.get().id(), Json.read(value, IntegrationDocument.class));
    }
  }

  /**
   * The decrypted credentials of a tenant's integration.
   *
   * @throws IllegalStateException saying what is wrong: not configured, or not decryptable
   */
  IntegrationDocument decrypted(String tenant, String integration) {
    IntegrationDocument doc = byTenant.getOrDefault(tenant, Map.of()).get(integration);
    if (doc == null) {
      throw new IllegalStateException(
          "the " + integration + " integration is not configured for this tenant");
    }
    Map<String, Object> clear = new LinkedHashMap<>();
    for (Map.Entry<String, Object> f : doc.fields().entrySet()) {
      Object v = f.getValue();
      if (v instanceof String s && SecretCipher.isEncrypted(s)) {
        if (cipher == null) {
          throw new IllegalStateException(
              "the "
                  + integration
                  + " credentials are encrypted and the job has no secret key (CX_SECRET_KEY)");
        }
        try {
          v = cipher.decrypt(s);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("the " + integration + " credentials: " + e.getMessage());
        }
      }
      clear.put(f.getKey(), v);
    }
    return new IntegrationDocument(clear);
  }
}
