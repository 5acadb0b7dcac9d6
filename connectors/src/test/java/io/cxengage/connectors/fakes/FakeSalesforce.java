package io.cxengage.connectors.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salesforce's OAuth 2.0 username-password flow and REST record creation. {@code POST
 * /services/oauth2/token} (form {@code grant_type=password}, {@code client_id}, {@code
 * client_secret}, {@code username}, {@code password} = password followed by security token) answers
 * {@code {access_token, instance_url}} with the instance at this same server, or 400 {@code
 * invalid_grant}. {@code POST /services/data/vNN.N/sobjects/{Type}/} with a valid bearer token and
 * a JSON object answers 201 {@code {id, success: true, errors: []}}; an unknown or expired token
 * answers 401 {@code INVALID_SESSION_ID}. {@link #expireSessions()} expires every token issued so
 * far, as a session timeout would.
 */
public class FakeSalesforce extends FakeServer {

  private static final Pattern CREATE =
      Pattern.compile("/services/data/v\\d+\\.\\d/sobjects/(Task|Lead|Case|Opportunity)/");
  private static final Map<String, String> ID_PREFIXES =
      Map.of("Task", "00T", "Lead", "00Q", "Case", "500", "Opportunity", "006");

  private final Map<String, String> login;
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger records = new AtomicInteger();
  private volatile boolean apiAccess = true;

  /**
   * @param consumerKey the connected app's key
   * @param consumerSecret the connected app's secret
   * @param username the user
   * @param passwordAndToken the password the flow must send: password followed by the token
   */
  public FakeSalesforce(
      String consumerKey, String consumerSecret, String username, String passwordAndToken) {
    this.login =
        Map.of(
            "grant_type", "password",
            "client_id", consumerKey,
            "client_secret", consumerSecret,
            "username", username,
            "password", passwordAndToken);
  }

  /** How many logins succeeded. */
  public int logins() {
    return logins.get();
  }

  /** Refuses every session from now on, new ones too, as a user whose API access was revoked. */
  public void revokeApiAccess() {
    apiAccess = false;
  }

  /** Expires every token issued so far. */
  public void expireSessions() {
    validTokens.clear();
  }

  /** Whether the request carries a bearer token this fake issued and has not expired. */
  protected boolean validBearer(Received request) {
    String authorization = String.valueOf(request.header("Authorization"));
    return apiAccess
        && authorization.startsWith("Bearer ")
        && validTokens.contains(authorization.substring("Bearer ".length()));
  }

  @Override
  protected Reply answer(Received request) {
    if (request.method().equals("POST") && request.path().equals("/services/oauth2/token")) {
      return token(request);
    }
    Matcher create = CREATE.matcher(request.path());
    if (request.method().equals("POST") && create.matches()) {
      return create(request, create.group(1));
    }
    return Reply.json(
        404,
        "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
  }

  private Reply token(Received request) {
    if (!String.valueOf(request.header("Content-Type"))
        .startsWith("application/x-www-form-urlencoded")) {
      return Reply.json(
          400, "{\"error\":\"invalid_request\",\"error_description\":\"form expected\"}");
    }
    Map<String, String> form = request.form();
    if (!form.get("client_id").equals(login.get("client_id"))
        || !form.get("client_secret").equals(login.get("client_secret"))) {
      return Reply.json(
          400,
          "{\"error\":\"invalid_client_id\",\"error_description\":\"client identifier invalid\"}");
    }
    if (!form.equals(login)) {
      return Reply.json(
          400, "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}");
    }
    String token = "00Dxx0000001gPL!token-" + logins.incrementAndGet();
    validTokens.add(token);
    return Reply.json(
        200,
        Json.write(
            Map.of(
                "access_token",
                token,
                "instance_url",
                uri().toString(),
                "id",
                uri() + "/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS",
                "token_type",
                "Bearer",
                "issued_at",
                Long.toString(System.currentTimeMillis()),
                "signature",
                "not-checked-by-clients")));
  }

  private Reply create(Received request, String type) {
    if (!validBearer(request)) {
      return Reply.json(
          401,
          "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
    }
    JsonNode fields = Json.tree(request.body());
    if (!fields.isObject()) {
      return Reply.json(
          400,
          "[{\"message\":\"Json Deserialization failed\",\"errorCode\":\"JSON_PARSER_ERROR\"}]");
    }
    String id = ID_PREFIXES.get(type) + String.format("xx%010d", records.incrementAndGet());
    return Reply.json(201, "{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}");
  }
}
