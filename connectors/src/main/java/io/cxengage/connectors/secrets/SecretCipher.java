package io.cxengage.connectors.secrets;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets for the configuration log with AES-256-GCM. An encrypted value is the text
 * {@code enc:v1:<base64(12-byte nonce || ciphertext || tag)>}, so it can sit in any JSON string
 * field and be recognised without a schema.
 *
 * <p>The key comes from configuration ({@code CX_SECRET_KEY}, 32 bytes in base64). The key itself
 * is never part of {@link #toString()}.
 */
public final class SecretCipher implements Serializable {

  private static final long serialVersionUID = 1L;
  public static final String PREFIX = "enc:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private SecretCipher(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException(
          "the secret key must be 32 bytes (base64 of 32 random bytes); got " + key.length);
    }
    this.key = key.clone();
  }

  /** A cipher from a base64 key, as given in {@code CX_SECRET_KEY}. */
  public static SecretCipher fromBase64(String base64Key) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the secret key (CX_SECRET_KEY) is not valid base64", e);
    }
    return new SecretCipher(bytes);
  }

  /** A new random key in base64, for a fresh installation. */
  public static String generateKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  public static boolean isEncrypted(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  public String encrypt(String plaintext) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
      return PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * Decrypts a value made by {@link #encrypt}; a value without the prefix is returned unchanged (a
   * document written before encryption was configured).
   *
   * @throws IllegalArgumentException when the value was encrypted with another key or altered
   */
  public String decrypt(String value) {
    if (!isEncrypted(value)) {
      return value;
    }
    try {
      byte[] all = Base64.getDecoder().decode(value.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a stored secret cannot be decrypted: it was written with another key (CX_SECRET_KEY)"
              + " or altered");
    }
  }

  @Override
  public String toString() {
    return "SecretCipher[AES-256-GCM]";
  }
}
