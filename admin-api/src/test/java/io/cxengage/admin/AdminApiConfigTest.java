package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxengage.admin.stream.StreamSettings;
import io.cxengage.connectors.secrets.SecretCipher;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminApiConfigTest {

  private final String key = SecretCipher.generateKey();

  @Test
  void defaultsFollowTheContract() {
    AdminApiConfig config = AdminApiConfig.from(Map.of("CX_SECRET_KEY", key));
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.tokenLifetime()).isEqualTo(Duration.ofSeconds(2592000));
    assertThat(config.eventsPerSecond()).isEqualTo(1000);
    assertThat(config.maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(config.maxEventBytes()).isEqualTo(16 << 10);
    assertThat(config.maxBatchEvents()).isEqualTo(10_000);
    assertThat(config.ticketLifetime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.adminClientId()).isEmpty();
  }

  @Test
  void streamOptionsHaveDefaultsAndTheIdleTimeoutMustOutlastThePings() {
    assertThat(AdminApiConfig.from(Map.of("CX_SECRET_KEY", key)).stream())
        .isEqualTo(StreamSettings.defaults());
    AdminApiConfig tuned =
        AdminApiConfig.from(
            Map.of("CX_SECRET_KEY", key, "CX_STREAM_QUEUE_LIMIT", "64"),
            "--stream-ping-seconds=10",
            "--stream-idle-timeout-seconds=25");
    assertThat(tuned.stream().queueLimit()).isEqualTo(64);
    assertThat(tuned.stream().pingInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(tuned.stream().idleTimeout()).isEqualTo(Duration.ofSeconds(25));
    assertThatThrownBy(
            () -> AdminApiConfig.from(Map.of("CX_SECRET_KEY", key), "--stream-ping-seconds=120"))
        .hasMessage(
            "option stream-idle-timeout-seconds (CX_STREAM_IDLE_TIMEOUT_SECONDS) must be longer"
                + " than stream-ping-seconds, or idle sockets time out between two pings");
    assertThatThrownBy(
            () -> AdminApiConfig.from(Map.of("CX_SECRET_KEY", key), "--stream-queue-limit=0"))
        .hasMessage("option stream-queue-limit (CX_STREAM_QUEUE_LIMIT) must be at least 1");
  }

  @Test
  void flagsWinOverTheEnvironment() {
    AdminApiConfig config =
        AdminApiConfig.from(
            Map.of("CX_SECRET_KEY", key, "CX_PORT", "9000", "CX_TOPIC_PREFIX", "staging-"),
            "--port=9100");
    assertThat(config.port()).isEqualTo(9100);
    assertThat(config.topicPrefix()).isEqualTo("staging-");
  }

  @Test
  void errorsNameTheOption() {
    assertThatThrownBy(() -> AdminApiConfig.from(Map.of()))
        .hasMessage(
            "option secret-key (CX_SECRET_KEY) is required; generate one with: openssl rand"
                + " -base64 32");
    assertThatThrownBy(() -> AdminApiConfig.from(Map.of("CX_SECRET_KEY", key, "CX_PORT", "http")))
        .hasMessage("option port (CX_PORT) must be a whole number, got 'http'");
    assertThatThrownBy(() -> AdminApiConfig.from(Map.of("CX_SECRET_KEY", "c2hvcnQ=")))
        .hasMessage("option secret-key (CX_SECRET_KEY) must be base64 of exactly 32 bytes");
    assertThatThrownBy(
            () -> AdminApiConfig.from(Map.of("CX_SECRET_KEY", key, "CX_ADMIN_CLIENT_ID", "me")))
        .hasMessageContaining("admin-client-id and admin-client-secret must be given together");
    assertThatThrownBy(() -> AdminApiConfig.from(Map.of("CX_SECRET_KEY", key), "--colour=red"))
        .hasMessage("unknown option --colour");
  }

  @Test
  void theTokenKeyIsDerivedFromTheSecretKeyUnlessGiven() {
    AdminApiConfig a = AdminApiConfig.from(Map.of("CX_SECRET_KEY", key));
    AdminApiConfig b = AdminApiConfig.from(Map.of("CX_SECRET_KEY", key));
    assertThat(a.tokenKeyBytes()).isEqualTo(b.tokenKeyBytes()).hasSize(32);
    String tokenKey = SecretCipher.generateKey();
    assertThat(
            AdminApiConfig.from(Map.of("CX_SECRET_KEY", key, "CX_TOKEN_KEY", tokenKey))
                .tokenKeyBytes())
        .isEqualTo(java.util.Base64.getDecoder().decode(tokenKey));
  }
}
