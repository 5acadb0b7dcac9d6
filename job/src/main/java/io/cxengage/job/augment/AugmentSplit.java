package io.cxengage.job.augment;

import io.cxengage.job.serde.JsonTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each subject on its path through the augment stages: a subject whose tenant has file
 * augments goes to the gather ({@link #TO_GATHER}) and each of its lookups to the row store ({@link
 * #LOOKUPS}); any other subject (API augments only) goes straight on.
 */
public final class AugmentSplit extends ProcessFunction<AugmentSubject, AugmentSubject> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<AugmentSubject> TO_GATHER =
      new OutputTag<>("augment-to-gather", JsonTypeInfo.of(AugmentSubject.class));
  public static final OutputTag<RowRequest> LOOKUPS =
      new OutputTag<>("augment-lookups", JsonTypeInfo.of(RowRequest.class));

  @Override
  public void processElement(AugmentSubject subject, Context ctx, Collector<AugmentSubject> out) {
    if (!subject.plan().viaRows()) {
      out.collect(subject);
      return;
    }
    ctx.output(TO_GATHER, subject);
    String routingKey = subject.routingKey();
    String id = subject.subjectId();
    for (AugmentPlan.FileLookup l : subject.plan().lookups()) {
      ctx.output(
          LOOKUPS,
          new RowRequest(
              l.rowKey(), routingKey, id, l.augmentId(), l.joinAttribute(), l.attributes()));
    }
  }
}
