package io.cxengage.job.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxengage.connectors.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiExchangeTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theRequestCarriesTheKeyAndTheSubjectsAttributes() {
    byte[] body = ApiExchange.request("ann", Json.tree("{\"user\":\"ann\",\"type\":\"visit\"}"));
    assertThat(Json.tree(new String(body, StandardCharsets.UTF_8)))
        .isEqualTo(
            Json.tree(
                "{\"key-attr\":\"ann\",\"attributes\":{\"user\":\"ann\",\"type\":\"visit\"}}"));
  }

  @Test
  void aGoodAnswerGivesItsAttributes() {
    assertThat(
            ApiExchange.answer(
                200,
                bytes("{\"key-attr\":\"ann\",\"attributes\":{\"segment\":\"gold\",\"n\":3}}"),
                "ann"))
        .isEqualTo(Json.tree("{\"segment\":\"gold\",\"n\":3}"));
    assertThat(ApiExchange.answer(200, bytes("{\"attributes\":{}}"), "ann")).isEmpty();
  }

  @Test
  void badAnswersAreFailuresThatNameTheProblemOnly() {
    assertThatThrownBy(() -> ApiExchange.answer(503, bytes("secret body"), "ann"))
        .isInstanceOf(AugmentFailure.class)
        .hasMessage("the augment answered 503, not 200");
    assertThatThrownBy(() -> ApiExchange.answer(200, bytes("<html>"), "ann"))
        .hasMessage("the augment's answer is not JSON");
    assertThatThrownBy(() -> ApiExchange.answer(200, bytes("{\"attributes\":[1]}"), "ann"))
        .hasMessage("the augment's answer has no attributes object");
    assertThatThrownBy(() -> ApiExchange.answer(200, bytes("[]"), "ann"))
        .hasMessage("the augment's answer has no attributes object");
    assertThatThrownBy(
            () ->
                ApiExchange.answer(
                    200, bytes("{\"key-attr\":\"bob\",\"attributes\":{\"segment\":\"x\"}}"), "ann"))
        .hasMessage("the augment answered for another key-attr");
  }
}
