package io.cxengage.job.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.dsl.eval.AttributePath;
import io.cxengage.job.augment.Augment;
import io.cxengage.job.augment.AugmentPlan;
import io.cxengage.job.augment.AugmentSubject;
import io.cxengage.job.config.ConfigView;
import io.cxengage.job.config.InOrderConfiguredOperator;
import io.cxengage.job.model.ParsedEvent;
import io.cxengage.job.model.RoutedEvent;
import io.cxengage.job.parse.DeadLetters;
import io.cxengage.job.serde.JsonTypeInfo;
import java.util.List;
import java.util.Optional;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Gives each event its customer: the value of its tenant's key attribute, read from the broadcast
 * configuration, so that a change of key attribute applies to later events without a restart.
 * Events of unknown tenants, or without a usable key, go to {@link #DEAD}. Until the configuration
 * an event needs has arrived, it is held (in operator state, so a checkpoint keeps it). An event of
 * a tenant with engine augments goes to {@link #AUGMENT} with its augment plan, to be augmented
 * before matching; the others go straight on.
 */
public final class KeyAttributeRouter extends InOrderConfiguredOperator<ParsedEvent, RoutedEvent> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<DeadLetterRecord> DEAD =
      new OutputTag<>("route-dead-letters", JsonTypeInfo.of(DeadLetterRecord.class));
  public static final OutputTag<AugmentSubject> AUGMENT =
      new OutputTag<>("engine-augment", JsonTypeInfo.of(AugmentSubject.class));

  private transient Counter routed;
  private transient Counter dead;

  public KeyAttributeRouter(boolean initiallyReady) {
    super(initiallyReady, "cx-router-held", ParsedEvent.class);
  }

  @Override
  public void open() throws Exception {
    super.open();
    routed = getMetricGroup().counter("eventsRouted");
    dead = getMetricGroup().counter("eventsUnroutable");
  }

  @Override
  protected long requiredOffset(ParsedEvent e) {
    return e.configOffset();
  }

  @Override
  protected void process(ParsedEvent e) {
    String problem = null;
    JsonNode value = null;
    Optional<ConfigView.TenantConfig> tenant = view.existing(e.tenant());
    if (tenant.isEmpty()) {
      problem = "unknown tenant '" + e.tenant() + "'";
    } else {
      String keyAttribute = tenant.get().keyAttribute();
      value = new AttributePath(keyAttribute).read(e.event().attributes());
      if (value == null) {
        problem = "no key attribute: the event has no '" + keyAttribute + "'";
      } else if (!value.isTextual() && !value.isNumber()) {
        problem =
            "bad key attribute: '"
                + keyAttribute
                + "' must be a string or a number, not "
                + value.getNodeType();
      }
    }
    if (problem != null) {
      dead.inc();
      output.collect(
          DEAD,
          new StreamRecord<>(
              DeadLetters.of(e.tenant(), e.event(), problem, DeadLetters.STAGE_ROUTE)));
      return;
    }
    routed.inc();
    RoutedEvent event = new RoutedEvent(e.tenant(), value.asText(), e.event(), e.configOffset());
    List<Augment> augments = tenant.get().augments(Augment.Service.ENGINE);
    if (augments.isEmpty()) {
      output.collect(new StreamRecord<>(event, e.event().timestamp()));
      return;
    }
    AugmentPlan plan = AugmentPlan.of(e.tenant(), augments, e.event().attributes());
    output.collect(
        AUGMENT, new StreamRecord<>(AugmentSubject.of(event, plan), e.event().timestamp()));
  }
}
