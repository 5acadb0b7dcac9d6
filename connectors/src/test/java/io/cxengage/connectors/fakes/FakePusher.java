package io.cxengage.connectors.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pusher Channels' HTTP API for triggering events: {@code POST /apps/{app_id}/events} with a JSON
 * body {@code {name, channels, data}} and the signed query ({@code auth_key}, {@code
 * auth_timestamp}, {@code auth_version}, {@code body_md5}, {@code auth_signature}). The signature
 * is checked for real: HMAC-SHA256 with the app secret over {@code POST\n<path>\n<sorted query
 * without auth_signature>}. A good request answers 200 {@code {}}.
 */
public final class FakePusher extends FakeServer {

  private final String appId;
  private final String key;
  private final String secret;

  public FakePusher(String appId, String key, String secret) {
    this.appId = appId;
    this.key = key;
    this.secret = secret;
  }

  @Override
  protected Reply answer(Received request) {
    if (!request.method().equals("POST") || !request.path().equals("/apps/" + appId + "/events")) {
      return new Reply(404, Map.of(), "Not found");
    }
    Map<String, String> query = new TreeMap<>(request.queryParams());
    if (!key.equals(query.get("auth_key"))) {
      return new Reply(401, Map.of(), "Unknown auth_key");
    }
    if (!"1.0".equals(query.get("auth_version"))) {
      return new Reply(401, Map.of(), "Unsupported auth_version");
    }
    long timestamp = Long.parseLong(query.getOrDefault("auth_timestamp", "0"));
    if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 600) {
      return new Reply(401, Map.of(), "Timestamp expired");
    }
    if (!md5(request.body()).equals(query.get("body_md5"))) {
      return new Reply(401, Map.of(), "body_md5 does not match the body");
    }
    String signature = query.remove("auth_signature");
    String signed =
        "POST\n"
            + request.path()
            + "\n"
            + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    if (!hmacSha256(signed).equals(signature)) {
      return new Reply(401, Map.of(), "Invalid signature: you should have sent HmacSHA256Hex");
    }
    JsonNode event = Json.tree(request.body());
    if (event.path("name").asText().isEmpty()
        || !event.path("channels").isArray()
        || !event.path("data").isTextual()) {
      return new Reply(400, Map.of(), "name, channels and data (a string) are required");
    }
    return Reply.json(200, "{}");
  }

  private String hmacSha256(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
