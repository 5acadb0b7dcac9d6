package io.cxengage.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretHasherTest {

  private final SecretHasher hasher = new SecretHasher(1000);

  @Test
  void matchesOnlyTheHashedSecretAndNeverStoresIt() {
    String hash = hasher.hash("s3cret");
    assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("s3cret");
    assertThat(hasher.matches("s3cret", hash)).isTrue();
    assertThat(hasher.matches("s3cret!", hash)).isFalse();
    assertThat(hasher.hash("s3cret")).isNotEqualTo(hash); // salted
  }

  @Test
  void aHashOfAnotherWorkFactorStillMatches() {
    String hash = new SecretHasher(2000).hash("x");
    assertThat(hasher.matches("x", hash)).isTrue();
  }

  @Test
  void malformedHashesNeverMatch() {
    assertThat(hasher.matches("x", "plain")).isFalse();
    assertThat(hasher.matches("x", "pbkdf2-sha256$nan$a$b")).isFalse();
    assertThat(hasher.matches("x", null)).isFalse();
    assertThat(hasher.matches(null, hasher.hash("x"))).isFalse();
  }
}
