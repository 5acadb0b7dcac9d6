package io.cxengage.admin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a generic listener's webhook secret against its stored PBKDF2 hash. PBKDF2 is slow on
 * purpose (a fifth of a second at the default work factor), too slow to pay on every webhook call:
 * a secret that matched once is remembered as its SHA-256 next to the stored hash, so later calls
 * with it cost one digest. A new secret (a new hash) misses the memory and is checked in full.
 */
public final class ListenerSecrets {

  private static final int REMEMBERED = 10_000;

  private final SecretHasher hasher;
  private final Map<String, byte[]> verified =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
          return size() > REMEMBERED;
        }
      };

  public ListenerSecrets(SecretHasher hasher) {
    this.hasher = hasher;
  }

  /** Whether {@code secret} is the one whose hash is {@code storedHash}. */
  public boolean matches(String secret, String storedHash) {
    if (secret == null || storedHash == null) {
      return false;
    }
    byte[] digest = sha256(secret);
    synchronized (verified) {
      byte[] known = verified.get(storedHash);
      if (known != null) {
        return MessageDigest.isEqual(known, digest);
      }
    }
    if (!hasher.matches(secret, storedHash)) {
      return false;
    }
    synchronized (verified) {
      verified.put(storedHash, digest);
    }
    return true;
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
