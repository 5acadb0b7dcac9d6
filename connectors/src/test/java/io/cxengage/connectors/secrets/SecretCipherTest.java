package io.cxengage.connectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private final SecretCipher cipher = SecretCipher.fromBase64(SecretCipher.generateKey());

  @Test
  void roundTripsAndNeverRepeatsACiphertext() {
    String a = cipher.encrypt("s3cret");
    String b = cipher.encrypt("s3cret");
    assertThat(a).startsWith(SecretCipher.PREFIX).doesNotContain("s3cret").isNotEqualTo(b);
    assertThat(cipher.decrypt(a)).isEqualTo("s3cret");
  }

  @Test
  void anotherKeyCannotDecryptAndSaysWhy() {
    String sealed = cipher.encrypt("s3cret");
    SecretCipher other = SecretCipher.fromBase64(SecretCipher.generateKey());
    assertThatThrownBy(() -> other.decrypt(sealed)).hasMessageContaining("another key");
  }

  @Test
  void plainValuesPassThroughAndBadKeysAreNamed() {
    assertThat(cipher.decrypt("legacy")).isEqualTo("legacy");
    assertThatThrownBy(() -> SecretCipher.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> SecretCipher.fromBase64("@@@")).hasMessageContaining("CX_SECRET_KEY");
    assertThat(cipher.toString()).doesNotContain("=");
  }
}
