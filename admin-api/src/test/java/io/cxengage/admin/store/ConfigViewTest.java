package io.cxengage.admin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConfigViewTest {

  private final ConfigView view = new ConfigView();

  @Test
  void claimsAreRankedPerTenantAndPrefixInLogOrder() {
    view.apply("t/id-claim/PT/a", bytes("{\"prefix\":\"PT\"}"));
    view.apply("t/id-claim/TM/b", bytes("{\"prefix\":\"TM\"}"));
    view.apply("u/id-claim/PT/c", bytes("{\"prefix\":\"PT\"}"));
    view.apply("t/id-claim/PT/d", bytes("{\"prefix\":\"PT\"}"));
    view.apply("t/id-claim/PT/a", bytes("{\"prefix\":\"PT\"}")); // a replay keeps its rank
    assertThat(view.claimRank("t/id-claim/PT/a")).contains(1);
    assertThat(view.claimRank("t/id-claim/TM/b")).contains(1);
    assertThat(view.claimRank("u/id-claim/PT/c")).contains(1);
    assertThat(view.claimRank("t/id-claim/PT/d")).contains(2);
  }

  @Test
  void listsInNumericIdOrderAndDeletesOnTombstones() {
    for (String id : new String[] {"PT10", "PT2", "PT1"}) {
      view.apply("t/pattern/" + id, bytes("{\"id\":\"" + id + "\"}"));
    }
    view.apply("t/pattern/PT2", null);
    assertThat(view.list("t", ConfigKind.PATTERN))
        .extracting(n -> n.get("id").asText())
        .containsExactly("PT1", "PT10");
    assertThat(view.get(ConfigKey.of("t", ConfigKind.PATTERN, "PT2"))).isEmpty();
  }

  @Test
  void indexesUsersByEmailAndForgetsOldEmails() {
    view.apply("_platform/user/c1", bytes("{\"email\":\"A@x.example\"}"));
    assertThat(view.clientIdByEmail("a@x.example")).contains("c1");
    view.apply("_platform/user/c1", bytes("{\"email\":\"b@x.example\"}"));
    assertThat(view.clientIdByEmail("a@x.example")).isEmpty();
    view.apply("_platform/user/c1", null);
    assertThat(view.clientIdByEmail("b@x.example")).isEmpty();
  }

  @Test
  void skipsRecordsItCannotRead() {
    view.apply("not a key", bytes("{}"));
    view.apply("t/pattern/PT1", bytes("[1]"));
    view.apply("t/pattern/PT2", bytes("{oops"));
    assertThat(view.list("t", ConfigKind.PATTERN)).isEmpty();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
