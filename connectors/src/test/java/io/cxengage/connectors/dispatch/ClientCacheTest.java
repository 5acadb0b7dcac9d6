package io.cxengage.connectors.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.config.IntegrationDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientCacheTest {

  private final List<String> closed = new ArrayList<>();
  private final AtomicInteger made = new AtomicInteger();
  private final ClientCache<String> cache = new ClientCache<>(closed::add);

  private String client() {
    return "client-" + made.incrementAndGet();
  }

  private static IntegrationDocument credentials(String password) {
    return new IntegrationDocument(Map.of("account", "AC1", "password", password));
  }

  @Test
  void makesATenantsClientOnceForTheSameCredentials() {
    assertThat(cache.get("acme", credentials("p1"), this::client)).isEqualTo("client-1");
    assertThat(cache.get("acme", credentials("p1"), this::client)).isEqualTo("client-1");
    assertThat(made).hasValue(1);
  }

  @Test
  void keepsTenantsApart() {
    assertThat(cache.get("acme", credentials("p1"), this::client)).isEqualTo("client-1");
    assertThat(cache.get("globex", credentials("p1"), this::client)).isEqualTo("client-2");
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void replacesAndClosesTheClientWhenCredentialsChange() {
    cache.get("acme", credentials("p1"), this::client);

    assertThat(cache.get("acme", credentials("rotated"), this::client)).isEqualTo("client-2");
    assertThat(closed).containsExactly("client-1");
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void closesEveryClientOnClose() {
    cache.get("acme", credentials("p1"), this::client);
    cache.get("globex", credentials("p1"), this::client);

    cache.close();

    assertThat(closed).containsExactlyInAnyOrder("client-1", "client-2");
  }

  @Test
  void fingerprintsIgnoreFieldOrderAndHideTheValues() {
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("password", "secret-value");
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("password", "secret-value");
    ba.put("a", "1");

    String fingerprint = ClientCache.fingerprint(new IntegrationDocument(ab));

    assertThat(fingerprint).isEqualTo(ClientCache.fingerprint(new IntegrationDocument(ba)));
    assertThat(fingerprint).doesNotContain("secret-value").hasSize(64);
  }
}
