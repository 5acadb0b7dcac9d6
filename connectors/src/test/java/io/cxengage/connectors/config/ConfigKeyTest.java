package io.cxengage.connectors.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigKeyTest {

  @Test
  void parsesAndPrintsTenantKindAndId() {
    ConfigKey key = ConfigKey.parse("acme/pattern/PT3").orElseThrow();
    assertThat(key).isEqualTo(ConfigKey.of("acme", ConfigKind.PATTERN, "PT3"));
    assertThat(key.toString()).isEqualTo("acme/pattern/PT3");
  }

  @Test
  void idMayContainSlashes() {
    assertThat(ConfigKey.parse("acme/id-claim/PT/1234").orElseThrow().id()).isEqualTo("PT/1234");
  }

  @Test
  void refusesKeysThatAreNotConfigKeys() {
    assertThat(ConfigKey.parse("acme")).isEmpty();
    assertThat(ConfigKey.parse("acme/pattern")).isEmpty();
    assertThat(ConfigKey.parse("acme/pattern/")).isEmpty();
    assertThat(ConfigKey.parse("/pattern/PT1")).isEmpty();
    assertThat(ConfigKey.parse("acme/unknown-kind/x")).isEmpty();
    assertThatThrownBy(() -> ConfigKey.of("a/b", ConfigKind.PATTERN, "PT1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
