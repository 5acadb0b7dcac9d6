package io.cxengage.admin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxengage.admin.error.BadRequestException;
import io.cxengage.connectors.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRepairTest {

  @Test
  void addsTheCommaMissingAtALineBreakBetweenMembers() {
    String seed =
        "{\"id\": \"salesforce\", \"consumer-secret\":\"consumersecret\",\"username\":\"e@x\"\n"
            + "     \"secret-token\":\"secret-token\",\"password\":\"password\"}";
    assertThat(parse(seed))
        .isEqualTo(
            Json.tree(
                "{\"id\": \"salesforce\", \"consumer-secret\":\"consumersecret\",\"username\":"
                    + "\"e@x\", \"secret-token\":\"secret-token\",\"password\":\"password\"}"));
    assertThat(parse("{\"a\": {\"b\": 1}\n \"c\": true\n\"d\": 2}"))
        .isEqualTo(Json.tree("{\"a\": {\"b\": 1}, \"c\": true, \"d\": 2}"));
  }

  @Test
  void leavesEveryOtherMistakeAnError() {
    assertThat(JsonRepair.missingCommas("{\"a\": 1 \"b\": 2}")).isNull();
    assertThat(JsonRepair.missingCommas("[1\n2]")).isNull();
    assertThatThrownBy(() -> parse("{\"a\": 1 \"b\": 2}"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("the body is not valid JSON");
    assertThatThrownBy(() -> parse("{\"a\": \n\"b\": 2}")).isInstanceOf(BadRequestException.class);
  }

  @Test
  void aStringWithQuotesAndBackslashesIsNotConfused() {
    assertThat(parse("{\"a\": \"x \\\" y\"\n\"b\": \"\\\\\"}"))
        .isEqualTo(Json.tree("{\"a\": \"x \\\" y\", \"b\": \"\\\\\"}"));
  }

  private static Object parse(String text) {
    return RequestBodies.parse(text.getBytes(StandardCharsets.UTF_8));
  }
}
