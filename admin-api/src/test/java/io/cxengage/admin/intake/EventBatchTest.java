package io.cxengage.admin.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxengage.admin.error.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchTest {

  @Test
  void readsAnArrayWithTheSizeOfEachElement() {
    List<EventBatch.Item> items = parse(" [{\"id\": 1}, {\"id\": \"abc\"}]");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).bytes()).isEqualTo("{\"id\": 1}".length());
    assertThat(items.get(1).event().get("id").asText()).isEqualTo("abc");
  }

  @Test
  void readsLinesAndReportsTheBadOnesByIndex() {
    List<EventBatch.Item> items = parse("{\"id\": 1}\r\n\n{oops\n{\"id\": 2}");
    assertThat(items).extracting(EventBatch.Item::index).containsExactly(0, 1, 2);
    assertThat(items.get(1).error()).startsWith("not valid JSON");
    assertThat(items.get(2).event().get("id").asInt()).isEqualTo(2);
  }

  @Test
  void refusesAMalformedArrayOrABodyWithNoJsonLine() {
    assertThatThrownBy(() -> parse("[{\"id\": 1},")).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> parse("not json\nnor this")).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> parse("  ")).isInstanceOf(BadRequestException.class);
  }

  @Test
  void stopsReadingOnceOverTheLimit() {
    assertThat(EventBatch.parse("[1,2,3,4,5]".getBytes(StandardCharsets.UTF_8), 2)).hasSize(3);
  }

  private static List<EventBatch.Item> parse(String body) {
    return EventBatch.parse(body.getBytes(StandardCharsets.UTF_8), 100);
  }
}
