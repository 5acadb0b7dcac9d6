package io.cxengage.connectors.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.IntegrationDocument;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides secrets in what is logged or recorded: params written to {@code cx.reactions}, credentials
 * shown anywhere, and error texts that might echo a secret back.
 */
public final class SecretMasking {

  /** What a secret is replaced by, as in the API's responses. */
  public static final String MASK = "********";

  /**
   * Field names that look secret: passwords, secrets, tokens, keys, authorisation and credentials,
   * in any case and with {@code -} or {@code _} between words.
   */
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          ".*(password|passwd|secret|token|api[-_]?key|private[-_]?key|authorization|credential).*");

  /** Secrets shorter than this are not searched for in texts: they would match by chance. */
  private static final int MIN_SCRUBBED_LENGTH = 4;

  private SecretMasking() {}

  /** Whether a field name looks like it holds a secret. */
  public static boolean isSecretName(String name) {
    return IntegrationDocument.isSecret(name)
        || SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
  }

  /** A copy of {@code params} with every secret-looking field masked, at any depth. */
  public static ObjectNode maskParams(ObjectNode params) {
    ObjectNode copy = params.deepCopy();
    maskIn(copy);
    return copy;
  }

  /** The credentials' fields with secrets masked, for display or logs. */
  public static Map<String, Object> maskCredentials(IntegrationDocument credentials) {
    Map<String, Object> masked = new LinkedHashMap<>();
    credentials
        .fields()
        .forEach((name, value) -> masked.put(name, isSecretName(name) ? MASK : value));
    return masked;
  }

  /** {@code text} with every secret value of {@code credentials} replaced by the mask. */
  public static String scrub(String text, IntegrationDocument credentials) {
    if (text == null || credentials == null) {
      return text;
    }
    String scrubbed = text;
    for (Map.Entry<String, Object> field : credentials.fields().entrySet()) {
      if (isSecretName(field.getKey()) && field.getValue() != null) {
        String secret = field.getValue().toString();
        if (secret.length() >= MIN_SCRUBBED_LENGTH) {
          scrubbed = scrubbed.replace(secret, MASK);
        }
      }
    }
    return scrubbed;
  }

  /** {@code result} with its error scrubbed of the credentials' secrets. */
  public static SendResult scrub(SendResult result, IntegrationDocument credentials) {
    if (result.error() == null) {
      return result;
    }
    return new SendResult(
        result.outcome(),
        result.httpStatus(),
        scrub(result.error(), credentials),
        result.retryAfter(),
        result.providerId());
  }

  private static void maskIn(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (isSecretName(name)) {
                  object.put(name, MASK);
                } else {
                  maskIn(object.get(name));
                }
              });
    } else if (node instanceof ArrayNode array) {
      array.forEach(SecretMasking::maskIn);
    }
  }
}
