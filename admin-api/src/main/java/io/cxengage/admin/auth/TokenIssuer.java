package io.cxengage.admin.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies bearer tokens. A token is self-contained and signed: {@code base64url(client
 * id) . expiry (epoch seconds) . base64url(HMAC-SHA256)}, so every instance that shares the token
 * key accepts it, also after a restart. Whether the client still exists and may use a tenant is
 * checked on every request, so revoking a user takes effect at once.
 */
public final class TokenIssuer {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final Duration lifetime;
  private final Clock clock;
  // a Mac per thread: getting and keying one costs more than signing a token
  private final ThreadLocal<Mac> mac;

  public TokenIssuer(byte[] key, Duration lifetime, Clock clock) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the token key must have at least 32 bytes");
    }
    byte[] secret = key.clone();
    this.mac = ThreadLocal.withInitial(() -> newMac(secret));
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** The outcome of checking a token. */
  public sealed interface Verdict {
    /** A genuine, unexpired token of this client. */
    record Valid(String clientId) implements Verdict {}

    /** A genuine token whose lifetime is over. */
    record Expired(String clientId) implements Verdict {}

    /** Not a token of ours. */
    record Invalid() implements Verdict {}
  }

  public Duration lifetime() {
    return lifetime;
  }

  public String issue(String clientId) {
    long expiry = clock.instant().plus(lifetime).getEpochSecond();
    String body = B64.encodeToString(clientId.getBytes(StandardCharsets.UTF_8)) + "." + expiry;
    return body + "." + B64.encodeToString(sign(body));
  }

  public Verdict verify(String token) {
    if (token == null) {
      return new Verdict.Invalid();
    }
    int last = token.lastIndexOf('.');
    int first = token.indexOf('.');
    if (first <= 0 || last <= first) {
      return new Verdict.Invalid();
    }
    String body = token.substring(0, last);
    try {
      byte[] signature = B64D.decode(token.substring(last + 1));
      if (!MessageDigest.isEqual(signature, sign(body))) {
        return new Verdict.Invalid();
      }
      String clientId = new String(B64D.decode(body.substring(0, first)), StandardCharsets.UTF_8);
      long expiry = Long.parseLong(body.substring(first + 1));
      if (!clock.instant().isBefore(Instant.ofEpochSecond(expiry))) {
        return new Verdict.Expired(clientId);
      }
      return new Verdict.Valid(clientId);
    } catch (IllegalArgumentException e) {
      return new Verdict.Invalid();
    }
  }

  private byte[] sign(String body) {
    return mac.get().doFinal(body.getBytes(StandardCharsets.UTF_8));
  }

  /** Derives a token key from the secret key, for installations that set no token key. */
  public static byte[] deriveKey(byte[] secretKey) {
    return newMac(secretKey)
        .doFinal("cxengage admin-api token key v1".getBytes(StandardCharsets.UTF_8));
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** Parses the {@code Authorization} header's bearer token. */
  public static Optional<String> bearer(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.trim();
    if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(value.substring(7).trim());
    }
    return Optional.empty();
  }
}
