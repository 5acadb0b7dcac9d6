package io.cxengage.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListenerSecretsTest {

  private final SecretHasher hasher = new SecretHasher(1000);
  private final ListenerSecrets secrets = new ListenerSecrets(hasher);

  @Test
  void theRightSecretMatchesAgainAndAWrongOneNeverDoesOnceOneWasRemembered() {
    String stored = hasher.hash("s3cret");

    assertThat(secrets.matches("s3cret", stored)).isTrue();
    assertThat(secrets.matches("s3cret", stored)).isTrue();
    assertThat(secrets.matches("s3cret!", stored)).isFalse();
    assertThat(secrets.matches(null, stored)).isFalse();
  }

  @Test
  void aNewHashOfTheListenerIsCheckedInFull() {
    String first = hasher.hash("old");
    assertThat(secrets.matches("old", first)).isTrue();

    String second = hasher.hash("new");

    assertThat(secrets.matches("old", second)).isFalse();
    assertThat(secrets.matches("new", second)).isTrue();
    assertThat(secrets.matches("anything", null)).isFalse();
  }
}
