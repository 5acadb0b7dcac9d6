package io.cxengage.job.augment;

import io.cxengage.job.config.ConfigView;
import io.cxengage.job.config.ConfiguredOperator;
import io.cxengage.job.config.HeldInOrder;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.model.MatchRecord;
import io.cxengage.job.serde.JsonTypeInfo;
import io.cxengage.job.serde.JsonTypeSerializer;
import java.util.List;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Decides, for each match, which notification augments fill its reaction context: a match of a
 * tenant without any goes straight on; the others go to {@link #AUGMENT} with their plan, joined on
 * the context (the match's events merged, later events winning). A match waits (in operator state,
 * in order) until this operator's configuration has reached the offset the matcher had.
 */
public final class NotificationAugmentPlanner extends ConfiguredOperator<MatchRecord, MatchRecord> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<AugmentSubject> AUGMENT =
      new OutputTag<>("notification-augment", JsonTypeInfo.of(AugmentSubject.class));

  private transient ConfigView view;
  private transient HeldInOrder<MatchRecord> held;

  public NotificationAugmentPlanner(boolean initiallyReady) {
    super(initiallyReady);
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    held =
        new HeldInOrder<>(
            context.getOperatorStateStore(),
            "cx-notification-augment-held",
            new JsonTypeSerializer<>(MatchRecord.class),
            MatchRecord::configOffset);
    view = new ConfigView();
    for (ConfigUpdate u : storedConfiguration()) {
      view.apply(u);
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    held.snapshot();
  }

  @Override
  public void processElement1(StreamRecord<MatchRecord> record) {
    MatchRecord m = record.getValue();
    if (!held.holdIfNeeded(m, ready(), appliedOffset())) {
      plan(m);
    }
  }

  @Override
  protected void onConfiguration(ConfigUpdate update) {
    view.apply(update);
  }

  @Override
  protected void onConfigurationAdvanced() throws Exception {
    held.release(this::plan, appliedOffset());
  }

  private void plan(MatchRecord m) {
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
