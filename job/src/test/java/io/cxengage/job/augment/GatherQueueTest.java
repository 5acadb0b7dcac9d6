package io.cxengage.job.augment;

import static io.cxengage.job.augment.GatherFixtures.answer;
import static io.cxengage.job.augment.GatherFixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.json.Json;
import io.cxengage.job.serde.JsonTypeSerializer;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class GatherQueueTest {

  @Test
  void aSubjectLeavesWhenAllItsAnswersAreInAndEveryEarlierSubjectHasLeft() {
    GatherQueue q = new GatherQueue();
    q.offer(subject("e1", 1000, "AU1", "AU2"));
    q.offer(subject("e2", 1000, "AU1"));
    q.answer(answer("e2", "AU1", "{\"tier\":\"gold\"}"));
    assertThat(q.drain()).as("e2 is complete but waits behind e1").isEmpty();
    q.answer(answer("e1", "AU2", null));
    assertThat(q.drain()).isEmpty();
    q.answer(answer("e1", "AU1", "{\"tier\":\"silver\"}"));
    List<AugmentSubject> out = q.drain();
    assertThat(out).extracting(AugmentSubject::subjectId).containsExactly("e1", "e2");
    assertThat(out.get(0).merged()).isEqualTo(Json.tree("{\"tier\":\"silver\"}"));
    assertThat(out.get(1).merged()).isEqualTo(Json.tree("{\"tier\":\"gold\"}"));
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void anAnswerThatOvertakesItsSubjectWaitsForIt() {
    GatherQueue q = new GatherQueue();
    q.answer(answer("e1", "AU1", "{\"tier\":\"gold\"}"));
    assertThat(q.isEmpty()).isFalse();
    q.offer(subject("e1", 1000, "AU1"));
    assertThat(q.drain())
        .singleElement()
        .satisfies(s -> assertThat(s.merged()).isEqualTo(Json.tree("{\"tier\":\"gold\"}")));
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void laterAugmentsWinOnAnAttributeBothFill() {
    GatherQueue q = new GatherQueue();
    q.offer(subject("e1", 1000, "AU10", "AU9"));
    q.answer(answer("e1", "AU9", "{\"tier\":\"nine\",\"a\":1}"));
    q.answer(answer("e1", "AU10", "{\"tier\":\"ten\"}"));
    AugmentSubject s = q.drain().get(0);
    assertThat(s.merged()).isEqualTo(Json.tree("{\"a\":1,\"tier\":\"ten\"}"));
    assertThat(s.toEvent().event().attributes())
        .isEqualTo(Json.tree("{\"user\":\"ann\",\"a\":1,\"tier\":\"ten\"}"));
  }

  @Test
  void theQueueSurvivesItsStateSerialiser() throws Exception {
    GatherQueue q = new GatherQueue();
    q.offer(subject("e1", 1000, "AU1", "AU2"));
    q.answer(answer("e1", "AU1", "{\"tier\":\"gold\"}"));
    q.answer(answer("e9", "AU1", null));
    JsonTypeSerializer<GatherQueue> serializer = new JsonTypeSerializer<>(GatherQueue.class);
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(q, out);
    GatherQueue back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    back.answer(answer("e1", "AU2", "{\"phone\":\"1\"}"));
    assertThat(back.drain())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.merged()).isEqualTo(Json.tree("{\"tier\":\"gold\",\"phone\":\"1\"}")));
    assertThat(back.early).hasSize(1);
  }
}
