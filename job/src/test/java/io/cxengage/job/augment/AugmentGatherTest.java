package io.cxengage.job.augment;

import static io.cxengage.job.augment.GatherFixtures.answer;
import static io.cxengage.job.augment.GatherFixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AugmentGatherTest {

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, AugmentSubject, RowAnswer, AugmentSubject>
      harness(OperatorSubtaskState restore) throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new AugmentGather(), AugmentSubject::routingKey, RowAnswer::routingKey, Types.STRING);
    if (restore == null) {
      h.initializeEmptyState();
    } else {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }

  private static List<String> emitted(
      KeyedTwoInputStreamOperatorTestHarness<String, AugmentSubject, RowAnswer, AugmentSubject> h) {
    List<String> out = new ArrayList<>();
    for (Object o : h.getOutput()) {
      if (o instanceof StreamRecord<?> r) {
        AugmentSubject s = (AugmentSubject) r.getValue();
        out.add(s.subjectId() + "@" + r.getTimestamp() + " " + s.merged());
      } else if (o instanceof Watermark w) {
        out.add("W" + w.getTimestamp());
      }
    }
    h.getOutput().clear();
    return out;
  }

  @Test
  void aCustomersEventsLeaveInTheOrderTheyCameWithTheirOwnTimes() throws Exception {
    try (var h = harness(null)) {
      h.processElement1(subject("e1", 100, "AU1"), 100);
      h.processElement1(subject("e2", 200), 200);
      h.processElement1(subject("e3", 300, "AU1"), 300);
      h.processElement2(answer("e3", "AU1", "{\"tier\":\"silver\"}"), 300);
      assertThat(emitted(h)).as("e2 and e3 wait behind e1").isEmpty();
      h.processElement2(answer("e1", "AU1", "{\"tier\":\"gold\"}"), 100);
      h.processWatermark1(new Watermark(300));
      h.processWatermark2(new Watermark(300));
      assertThat(emitted(h))
          .containsExactly(
              "e1@100 {\"tier\":\"gold\"}", "e2@200 null", "e3@300 {\"tier\":\"silver\"}", "W300");
    }
  }

  @Test
  void waitingSubjectsSurviveACheckpoint() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(null)) {
      h.processElement1(subject("e1", 100, "AU1", "AU2"), 100);
      h.processElement2(answer("e1", "AU2", "{\"phone\":\"1\"}"), 100);
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness(snapshot)) {
      h.processElement2(answer("e1", "AU1", null), 100);
      assertThat(emitted(h)).containsExactly("e1@100 {\"phone\":\"1\"}");
    }
  }
}
