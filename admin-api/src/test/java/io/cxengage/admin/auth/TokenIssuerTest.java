package io.cxengage.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.admin.TestInstallation.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

  private final MutableClock clock = new MutableClock();
  private final byte[] key = new byte[32];
  private final TokenIssuer issuer = new TokenIssuer(key, Duration.ofHours(1), clock);

  @Test
  void aTokenIsValidUntilItsExpiry() {
    String token = issuer.issue("client-1");
    assertThat(issuer.verify(token)).isEqualTo(new TokenIssuer.Verdict.Valid("client-1"));
    clock.advance(Duration.ofMinutes(59));
    assertThat(issuer.verify(token)).isInstanceOf(TokenIssuer.Verdict.Valid.class);
    clock.advance(Duration.ofMinutes(1));
    assertThat(issuer.verify(token)).isEqualTo(new TokenIssuer.Verdict.Expired("client-1"));
  }

  @Test
  void anotherKeyOrAnAlteredTokenIsInvalid() {
    String token = issuer.issue("client-1");
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    assertThat(new TokenIssuer(otherKey, Duration.ofHours(1), clock).verify(token))
        .isInstanceOf(TokenIssuer.Verdict.Invalid.class);
    String[] parts = token.split("\\.");
    String later = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
    assertThat(issuer.verify(later)).isInstanceOf(TokenIssuer.Verdict.Invalid.class);
    assertThat(issuer.verify("garbage")).isInstanceOf(TokenIssuer.Verdict.Invalid.class);
    assertThat(issuer.verify("a.b.c")).isInstanceOf(TokenIssuer.Verdict.Invalid.class);
  }

  @Test
  void twoIssuersWithOneKeyAcceptEachOthersTokens() {
    TokenIssuer other = new TokenIssuer(key, Duration.ofHours(1), clock);
    assertThat(other.verify(issuer.issue("c"))).isEqualTo(new TokenIssuer.Verdict.Valid("c"));
  }

  @Test
  void readsBearerHeaders() {
    assertThat(TokenIssuer.bearer("Bearer abc")).contains("abc");
    assertThat(TokenIssuer.bearer("bearer  abc ")).contains("abc");
    assertThat(TokenIssuer.bearer("Basic abc")).isEmpty();
    assertThat(TokenIssuer.bearer(null)).isEmpty();
  }
}
