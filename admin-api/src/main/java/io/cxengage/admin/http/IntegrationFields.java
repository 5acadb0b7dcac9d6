package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.secrets.SecretCipher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The credential fields of each integration type (api.md), and how they are checked, encrypted for
 * the log ({@link IntegrationDocument#SECRET_FIELDS}) and masked in answers.
 */
final class IntegrationFields {

  public static final String MASK = "********";

  /** The fields of each type (api.md). */
  static final Map<String, List<String>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put(
        "salesforce",
        List.of("consumer-key", "consumer-secret", "username", "password", "secret-token"));
    FIELDS.put("twilio", List.of("account", "password", "from"));
    FIELDS.put("sendgrid", List.of("account", "password", "from"));
    FIELDS.put("datasift", List.of("username", "api-key"));
    FIELDS.put("pusher", List.of("app-id", "key", "secret", "cluster"));
    FIELDS.put("echo", List.of());
    FIELDS.put("generic", List.of());
  }

  private IntegrationFields() {}

  /** Whether {@code type} names an integration. */
  public static boolean isType(String type) {
    return FIELDS.containsKey(type);
  }

  /** The known fields of a body, as text; {@code id} and {@code type} must name the path's type. */
  static ObjectNode check(String type, ObjectNode body) {
    ObjectNode clean = Json.mapper().createObjectNode();
    List<String> allowed = FIELDS.get(type);
    body.fields()
        .forEachRemaining(
            e -> {
              String name = e.getKey();
              JsonNode value = e.getValue();
              if (name.equals("id") || name.equals("type")) {
                if (!value.asText().equals(type)) {
                  throw new BadRequestException(
                          "field '" + name + "' must be '" + type + "', the type in the path")
                      .with("field", name);
                }
                return;
              }
              if (!allowed.contains(name)) {
                throw new BadRequestException(
                        "unknown field '"
                            + name
                            + "' for a "
                            + type
                            + " integration; its fields are: "
                            + String.join(", ", allowed))
                    .with("field", name);
              }
              if (value.isNull()) {
                clean.putNull(name);
              } else if (value.isTextual() || value.isNumber()) {
                clean.put(name, value.asText());
              } else {
                throw new BadRequestException("field '" + name + "' must be a string")
                    .with("field", name);
              }
            });
    return clean;
  }

  /** A copy with every secret field encrypted (values already encrypted are kept). */
  static ObjectNode encrypted(SecretCipher cipher, ObjectNode document) {
    ObjectNode stored = document.deepCopy();
    for (String field : IntegrationDocument.SECRET_FIELDS) {
      JsonNode value = stored.get(field);
      if (value != null && value.isTextual() && !SecretCipher.isEncrypted(value.asText())) {
        stored.put(field, cipher.encrypt(value.asText()));
      }
    }
    return stored;
  }

  /** The document as answered: secrets masked unless given in this request, no version. */
  static ObjectNode masked(ObjectNode document, Set<String> shownPlain) {
    ObjectNode shown = document.deepCopy();
    shown.remove("version");
    for (String field : IntegrationDocument.SECRET_FIELDS) {
      if (shown.hasNonNull(field) && !shownPlain.contains(field)) {
        shown.put(field, MASK);
      }
    }
    return shown;
  }
}
