package io.cxengage.connectors.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SendGrid's v3 mail send: {@code POST /v3/mail/send} with {@code Authorization: Bearer <key>} and
 * a JSON mail (personalizations with recipients, from, subject, content) answers 202 with an {@code
 * X-Message-Id}; a wrong key answers 401 and an incomplete mail 400, with SendGrid's error body.
 */
public final class FakeSendgrid extends FakeServer {

  private final String apiKey;
  private final AtomicInteger ids = new AtomicInteger();

  public FakeSendgrid(String apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  protected Reply answer(Received request) {
    if (!request.method().equals("POST") || !request.path().equals("/v3/mail/send")) {
      return error(404, "not found", null);
    }
    if (!("Bearer " + apiKey).equals(request.header("Authorization"))) {
      return error(401, "The provided authorization grant is invalid, expired, or revoked", null);
    }
    if (!String.valueOf(request.header("Content-Type")).startsWith("application/json")) {
      return error(415, "Content-Type should be application/json.", null);
    }
    JsonNode mail = Json.tree(request.body());
    if (mail.path("personalizations").path(0).path("to").path(0).path("email").asText().isEmpty()) {
      return error(
          400,
          "The to array is required for all personalization objects.",
          "personalizations.0.to");
    }
    if (mail.path("from").path("email").asText().isEmpty()) {
      return error(400, "The from object must be provided for every email send.", "from");
    }
    if (mail.path("subject").asText().isEmpty()) {
      return error(400, "The subject is required.", "subject");
    }
    if (mail.path("content").path(0).path("value").asText().isEmpty()) {
      return error(
          400,
          "The content value must be a string at least one character in length.",
          "content.0.value");
    }
    return new Reply(202, Map.of("X-Message-Id", "msg-" + ids.incrementAndGet()), null);
  }

  private static Reply error(int status, String message, String field) {
    return Reply.json(
        status,
        Json.write(
            Map.of(
                "errors",
                new Object[] {
                  field == null
                      ? Map.of("message", message)
                      : Map.of("message", message, "field", field)
                })));
  }
}
