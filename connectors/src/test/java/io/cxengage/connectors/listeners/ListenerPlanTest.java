package io.cxengage.connectors.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxengage.connectors.listeners.ListenerPlan.Decision;
import io.cxengage.connectors.listeners.ListenerStatus.State;
import io.cxengage.connectors.secrets.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenerPlanTest {

  static final SecretCipher CIPHER = SecretCipher.fromBase64(SecretCipher.generateKey());
  final ListenerCatalog catalog = new ListenerCatalog();

  private void put(String key, String json) {
    catalog.apply(key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  private Decision decide(String tenant, String id) {
    ListenerKey key = new ListenerKey(tenant, id);
    return ListenerPlan.decide(key, catalog.listener(key).orElseThrow(), catalog, CIPHER);
  }

  @Test
  void anEnabledSalesforceListenerRunsWithTheKeyAttributeAndDecryptedCredentials() {
    put("acme/key-attribute/key", "{\"key\":\"user\",\"version\":2}");
    put(
        "acme/integration/salesforce",
        "{\"type\":\"salesforce\",\"username\":\"ann\",\"password\":\""
            + CIPHER.encrypt("pw")
            + "\"}");
    put(
        "acme/listener/LI2",
        "{\"id\":\"LI2\",\"type\":\"salesforce\",\"status\":true,\"topic\":\"T\","
            + "\"mapping\":{\"user\":\"user__c\"},\"doc-version\":1}");

    Decision decision = decide("acme", "LI2");

    assertThat(decision).isInstanceOf(Decision.Run.class);
    ListenerSpec spec = ((Decision.Run) decision).spec();
    assertThat(spec.keyAttribute()).isEqualTo("user");
    assertThat(spec.credentials().fields())
        .containsEntry("password", "pw")
        .containsEntry("username", "ann");
    assertThat(spec.toString()).doesNotContain("pw");
  }

  @Test
  void aDisabledListenerIsStopped() {
    put(
        "acme/listener/LI1",
        "{\"id\":\"LI1\",\"type\":\"generic\",\"status\":false,\"mapping\":{\"id\":\"a\"}}");

    assertThat(decide("acme", "LI1"))
        .isEqualTo(new Decision.Idle(State.STOPPED, "the listener is disabled"));
  }

  @Test
  void theKeyAttributeDefaultsToIdAndAGenericListenerNeedsNoIntegration() {
    put(
        "acme/listener/LI1",
        "{\"id\":\"LI1\",\"type\":\"generic\",\"status\":true,\"mapping\":{\"id\":\"a.b\"}}");

    Decision decision = decide("acme", "LI1");

    assertThat(((Decision.Run) decision).spec().keyAttribute()).isEqualTo("id");
    assertThat(((Decision.Run) decision).spec().credentials()).isNull();
  }

  @Test
  void aChangedKeyAttributeThatTheMappingLacksFailsTheListener() {
    put(
        "acme/listener/LI1",
        "{\"id\":\"LI1\",\"type\":\"generic\",\"status\":true,\"mapping\":{\"id\":\"a\"}}");
    put("acme/key-attribute/key", "{\"key\":\"email\"}");

    assertThat(decide("acme", "LI1"))
        .isEqualTo(
            new Decision.Idle(
                State.FAILED,
                "the mapping has no entry for the tenant's key attribute 'email': add \"email\":"
                    + " \"<path in the record>\" to the listener's mapping"));
  }

  @Test
  void secretsWrittenWithAnotherKeyFailTheListener() {
    SecretCipher other = SecretCipher.fromBase64(SecretCipher.generateKey());
    put(
        "acme/integration/datasift",
        "{\"username\":\"ann\",\"api-key\":\"" + other.encrypt("k") + "\"}");
    put(
        "acme/listener/LI1",
        "{\"id\":\"LI1\",\"type\":\"datasift\",\"status\":true,\"hash\":\"h\",\"mapping\":{\"id\":\"a\"}}");

    Decision decision = decide("acme", "LI1");

    assertThat(((Decision.Idle) decision).message())
        .startsWith("the datasift integration's secrets: a stored secret cannot be decrypted");
  }

  @Test
  void theCatalogForgetsDeletedDocumentsAndSkipsMalformedOnes() {
    put(
        "acme/listener/LI1",
        "{\"id\":\"LI1\",\"type\":\"generic\",\"status\":true,\"mapping\":{\"id\":\"a\"}}");
    put("acme/listener/LI2", "{not json");
    put(
        "acme/listener-status/LI1",
        "{\"status\":\"started\",\"message\":\"ok\",\"runner\":\"r\",\"time\":\"t\"}");

    assertThat(catalog.listenerKeys()).containsExactly(new ListenerKey("acme", "LI1"));
    assertThat(catalog.status(new ListenerKey("acme", "LI1")).orElseThrow().status())
        .isEqualTo(State.STARTED);
    put("acme/listener/LI1", null);
    assertThat(catalog.listenerKeys()).isEmpty();
  }

  @Test
  void theRunnerConfigurationNamesTheOptionThatIsWrong() {
    assertThatThrownBy(() -> ListenerRunnerConfig.from(Map.of()))
        .hasMessage(
            "option secret-key (CX_SECRET_KEY) is required; it is the admin API's secret-key");
    assertThatThrownBy(
            () ->
                ListenerRunnerConfig.from(
                    Map.of("CX_SECRET_KEY", SecretCipher.generateKey()), "--datasift-url=http://x"))
        .hasMessage("option datasift-url (CX_DATASIFT_URL) must be a ws(s) URL");
    assertThat(
            ListenerRunnerConfig.from(
                    Map.of("CX_SECRET_KEY", SecretCipher.generateKey(), "CX_TOPIC_PREFIX", "s-"),
                    "--runner-id=r9")
                .runnerId())
        .isEqualTo("r9");
  }
}
