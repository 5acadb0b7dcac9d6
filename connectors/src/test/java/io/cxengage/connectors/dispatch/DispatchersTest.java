package io.cxengage.connectors.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DispatchersTest {

  @Test
  void servesEachExternalServiceOnce() {
    try (Dispatchers dispatchers = Dispatchers.create(ServiceEndpoints.defaults())) {
      assertThat(dispatchers.integrations())
          .containsExactly("sendgrid", "twilio", "pusher", "salesforce");
      assertThat(dispatchers.get("twilio"))
          .hasValueSatisfying(d -> assertThat(d.integration()).isEqualTo("twilio"));
    }
  }

  @Test
  void leavesInternalIntegrationsToTheJob() {
    try (Dispatchers dispatchers = Dispatchers.create(ServiceEndpoints.defaults())) {
      assertThat(dispatchers.get("echo")).isEmpty();
      assertThat(dispatchers.get("generic")).isEmpty();
    }
  }
}
