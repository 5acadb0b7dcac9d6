package io.cxengage.connectors.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskingTest {

  @Test
  void masksSecretLookingParamsAtAnyDepth() {
    ObjectNode params =
        (ObjectNode)
            Json.tree(
                "{\"to\":\"a@b.c\",\"Password\":\"p\",\"api_key\":\"k\","
                    + "\"nested\":{\"access-token\":\"t\",\"ok\":1},"
                    + "\"list\":[{\"client_secret\":\"s\"}]}");

    ObjectNode masked = SecretMasking.maskParams(params);

    assertThat(masked.toString())
        .isEqualTo(
            "{\"to\":\"a@b.c\",\"Password\":\"********\",\"api_key\":\"********\","
                + "\"nested\":{\"access-token\":\"********\",\"ok\":1},"
                + "\"list\":[{\"client_secret\":\"********\"}]}");
  }

  @Test
  void leavesTheOriginalParamsUntouched() {
    ObjectNode params = (ObjectNode) Json.tree("{\"password\":\"p\"}");

    SecretMasking.maskParams(params);

    assertThat(params.get("password").asText()).isEqualTo("p");
  }

  @Test
  void masksTheSecretFieldsOfCredentials() {
    IntegrationDocument twilio =
        new IntegrationDocument(
            Map.of("account", "AC123", "password", "tok3n-value", "from", "+15550000000"));

    assertThat(SecretMasking.maskCredentials(twilio))
        .containsEntry("account", "AC123")
        .containsEntry("password", "********")
        .containsEntry("from", "+15550000000");
  }

  @Test
  void keepsPublicKeysVisible() {
    IntegrationDocument pusher =
        new IntegrationDocument(Map.of("app-id", "1", "key", "public-key", "secret", "s3cret"));

    assertThat(SecretMasking.maskCredentials(pusher))
        .containsEntry("key", "public-key")
        .containsEntry("secret", "********");
  }

  @Test
  void scrubsSecretValuesEchoedInAnErrorText() {
    IntegrationDocument sendgrid =
        new IntegrationDocument(Map.of("password", "SG.secret-key", "from", "a@b.c"));

    assertThat(SecretMasking.scrub("invalid key SG.secret-key for a@b.c", sendgrid))
        .isEqualTo("invalid key ******** for a@b.c");
  }
}
