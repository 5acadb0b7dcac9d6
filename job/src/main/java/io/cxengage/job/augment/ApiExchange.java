package io.cxengage.job.augment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import java.io.IOException;

/**
 * The wire format of an API augment: the job POSTs {@code {"key-attr": <the customer's key>,
 * "attributes": {<the subject's attributes>}}} and expects 200 with the same shape, whose {@code
 * attributes} are merged. Anything else is an {@link AugmentFailure}.
 */
public final class ApiExchange {

  /** An answer larger than this is refused unread. */
  public static final int MAX_ANSWER_BYTES = 1 << 20;

  private ApiExchange() {}

  public static byte[] request(String key, JsonNode attributes) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("key-attr", key);
    body.set("attributes", attributes);
    return Json.writeBytes(body);
  }

  /** The attributes of an answer. */
  public static ObjectNode answer(int status, byte[] body, String key) {
    if (status != 200) {
      throw new AugmentFailure("the augment answered " + status + ", not 200");
    }
    JsonNode answer;
    try {
      answer = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new AugmentFailure("the augment's answer is not JSON");
    }
    if (answer == null || !answer.isObject() || !answer.path("attributes").isObject()) {
      throw new AugmentFailure("the augment's answer has no attributes object");
    }
    JsonNode answeredKey = answer.get("key-attr");
    if (answeredKey != null && !answeredKey.isNull() && !answeredKey.asText().equals(key)) {
      // an answer for another customer must not be merged, nor cached under this one
      throw new AugmentFailure("the augment answered for another key-attr");
    }
    return (ObjectNode) answer.get("attributes");
  }
}
