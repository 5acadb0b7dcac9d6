package io.cxengage.job.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RowLookupTest {

  private KeyedTwoInputStreamOperatorTestHarness<String, RowRequest, AugmentRow, RowAnswer> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new RowLookup(), RowRequest::rowKey, AugmentRow::key, Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private RowAnswer lookup(String subject, String rowKey, List<String> attributes)
      throws Exception {
    harness.processElement1(
        new RowRequest(rowKey, "t\u0000ann", subject, "AU1", "user", attributes), 1000);
    List<RowAnswer> answers = new ArrayList<>();
    for (Object o : harness.getOutput()) {
      if (o instanceof StreamRecord<?> r) {
        answers.add((RowAnswer) r.getValue());
        assertThat(r.getTimestamp()).as("the answer keeps the subject's time").isEqualTo(1000);
      }
    }
    harness.getOutput().clear();
    assertThat(answers).hasSize(1);
    return answers.get(0);
  }

  @Test
  void aLookupFindsTheRowAsItIsThenAndALaterRowReplacesIt() throws Exception {
    assertThat(lookup("e1", "t/AU1/ann", null).attributes()).as("no row yet").isNull();
    harness.processElement2(
        new AugmentRow("t/AU1/ann", "{\"user\":\"ann\",\"tier\":\"gold\",\"phone\":\"1\"}"), 0);
    RowAnswer found = lookup("e2", "t/AU1/ann", List.of("tier"));
    assertThat(found.subjectId()).isEqualTo("e2");
    assertThat(found.routingKey()).isEqualTo("t\u0000ann");
    assertThat(found.attributes()).isEqualTo(Json.tree("{\"tier\":\"gold\"}"));

    harness.processElement2(
        new AugmentRow("t/AU1/ann", "{\"user\":\"ann\",\"tier\":\"silver\"}"), 0);
    assertThat(lookup("e3", "t/AU1/ann", null).attributes())
        .isEqualTo(Json.tree("{\"tier\":\"silver\"}"));
    assertThat(lookup("e4", "t/AU1/bob", null).attributes()).as("another join value").isNull();

    harness.processElement2(new AugmentRow("t/AU1/ann", null), 0);
    assertThat(lookup("e5", "t/AU1/ann", null).attributes()).as("deleted").isNull();
  }

  @Test
  void rowsNeitherHoldBackNorAdvanceEventTime() throws Exception {
    harness.processWatermark2(new Watermark(Long.MAX_VALUE));
    assertThat(harness.getOutput()).isEmpty();
    harness.processWatermark1(new Watermark(5000));
    assertThat(harness.getOutput()).containsExactly(new Watermark(5000));
  }
}
