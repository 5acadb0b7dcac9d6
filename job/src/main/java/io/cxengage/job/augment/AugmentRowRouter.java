package io.cxengage.job.augment;

import io.cxengage.job.config.ConfigView;
import io.cxengage.job.config.ConfiguredOperator;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.serde.JsonTypeInfo;
import java.util.Optional;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Sends each row of {@code cx.augment-rows} to the row store of its augment's service: {@link
 * #ENGINE} (joined before matching) or {@link #NOTIFICATION} (joined before sending), so that each
 * row is stored once. A row whose augment the configuration does not know (yet) goes to both, and
 * so does every deletion, so that no deletion is ever lost, whatever the configuration said when
 * the row was stored. Rows are never held: they carry no configuration offset to wait for.
 */
public final class AugmentRowRouter extends ConfiguredOperator<AugmentRow, AugmentRow> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<AugmentRow> ENGINE =
      new OutputTag<>("augment-rows-engine", JsonTypeInfo.of(AugmentRow.class));
  public static final OutputTag<AugmentRow> NOTIFICATION =
      new OutputTag<>("augment-rows-notification", JsonTypeInfo.of(AugmentRow.class));

  private transient ConfigView view;

  public AugmentRowRouter(boolean initiallyReady) {
    super(initiallyReady);
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    view = new ConfigView();
    for (ConfigUpdate u : storedConfiguration()) {
      view.apply(u);
    }
  }

  @Override
  public void processElement1(StreamRecord<AugmentRow> record) {
    AugmentRow row = record.getValue();
    String tenant = row.tenant();
    String augment = row.augmentId();
    if (tenant == null || augment == null) {
      return; // not a row of the contract: nothing can ever look it up
    }
    Optional<Augment.Service> service =
        row.value() == null ? Optional.empty() : view.tenant(tenant).augmentService(augment);
    if (service.isEmpty() || service.get() == Augment.Service.ENGINE) {
      output.collect(ENGINE, record);
    }
    if (service.isEmpty() || service.get() == Augment.Service.NOTIFICATION) {
      output.collect(NOTIFICATION, record);
    }
  }

  @Override
  protected void onConfiguration(ConfigUpdate update) {
    view.apply(update);
  }

  @Override
  protected void onConfigurationAdvanced() {
    // rows never wait for the configuration
  }
}
