package io.cxengage.connectors.fakes;

import io.cxengage.connectors.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's 2010-04-01 REST API for messages and calls: {@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json} (form {@code To}, {@code From}, {@code Body}) and
 * {@code .../Calls.json} (form {@code To}, {@code From}, and {@code Twiml} or {@code Url}), with
 * Basic auth {@code sid:token}; 201 with the new resource's JSON, or Twilio's error JSON.
 */
public final class FakeTwilio extends FakeServer {

  private static final Pattern PATH =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/(Messages|Calls)\\.json");

  private final Map<String, String> tokensBySid;
  private final AtomicInteger ids = new AtomicInteger();

  /**
   * @param tokensBySid the accounts it knows: account SID to auth token
   */
  public FakeTwilio(Map<String, String> tokensBySid) {
    this.tokensBySid = Map.copyOf(tokensBySid);
  }

  @Override
  protected Reply answer(Received request) {
    Matcher path = PATH.matcher(request.path());
    if (!request.method().equals("POST") || !path.matches()) {
      return error(404, 20404, "The requested resource was not found");
    }
    String accountSid = path.group(1);
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (accountSid + ":" + tokensBySid.get(accountSid))
                        .getBytes(StandardCharsets.UTF_8));
    if (!tokensBySid.containsKey(accountSid) || !expected.equals(request.header("Authorization"))) {
      return error(401, 20003, "Authenticate");
    }
    if (!String.valueOf(request.header("Content-Type"))
        .startsWith("application/x-www-form-urlencoded")) {
      return error(400, 20001, "Expected a form-encoded body");
    }
    Map<String, String> form = request.form();
    if (isBlank(form.get("To"))) {
      return error(400, 21604, "A 'To' phone number is required.");
    }
    if (isBlank(form.get("From"))) {
      return error(400, 21603, "A 'From' phone number is required.");
    }
    boolean message = path.group(2).equals("Messages");
    if (message && isBlank(form.get("Body"))) {
      return error(400, 21602, "Message body is required.");
    }
    if (!message && isBlank(form.get("Twiml")) && isBlank(form.get("Url"))) {
      return error(400, 21205, "Url or Twiml is required.");
    }
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("sid", (message ? "SM" : "CA") + String.format("%032d", ids.incrementAndGet()));
    resource.put("account_sid", accountSid);
    resource.put("to", form.get("To"));
    resource.put("from", form.get("From"));
    resource.put("status", "queued");
    if (message) {
      resource.put("body", form.get("Body"));
    }
    return Reply.json(201, Json.write(resource));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** Twilio's error body: code, message, more_info, status. */
  public static Reply error(int status, int code, String message) {
    return Reply.json(
        status,
        Json.write(
            Map.of(
                "code", code,
                "message", message,
                "more_info", "https://www.twilio.com/docs/errors/" + code,
                "status", status)));
  }
}
