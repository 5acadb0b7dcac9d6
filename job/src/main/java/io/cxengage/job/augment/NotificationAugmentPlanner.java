package io.cxengage.job.augment;

import io.cxengage.job.config.InOrderConfiguredOperator;
import io.cxengage.job.model.MatchRecord;
import io.cxengage.job.serde.JsonTypeInfo;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Decides, for each match, which notification augments fill its reaction context: a match of a
 * tenant without any goes straight on; the others go to {@link #AUGMENT} with their plan, joined on
 * the context (the match's events merged, later events winning). A match waits (in operator state,
 * in order) until this operator's configuration has reached the offset the matcher had.
 */
public final class NotificationAugmentPlanner
    extends InOrderConfiguredOperator<MatchRecord, MatchRecord> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<AugmentSubject> AUGMENT =
      new OutputTag<>("notification-augment", JsonTypeInfo.of(AugmentSubject.class));

  public NotificationAugmentPlanner(boolean initiallyReady) {
    super(initiallyReady, "cx-notification-augment-held", MatchRecord.class);
  }

  @Override
  protected long requiredOffset(MatchRecord m) {
    return m.configOffset();
  }

  @Override
  protected void process(MatchRecord m) {
    List<Augment> augments =
        view.existing(m.tenant())
            .map(t -> t.augments(Augment.Service.NOTIFICATION))
            .orElse(List.of());
    if (augments.isEmpty()) {
      output.collect(new StreamRecord<>(m, m.at()));
      return;
    }
    AugmentPlan plan = AugmentPlan.of(m.tenant(), augments, AugmentSubject.contextOf(m));
    output.collect(AUGMENT, new StreamRecord<>(AugmentSubject.of(m, plan), m.at()));
  }
}
