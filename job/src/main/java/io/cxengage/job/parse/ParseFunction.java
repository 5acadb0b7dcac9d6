package io.cxengage.job.parse;

import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.job.model.ParsedEvent;
import io.cxengage.job.model.RawEvent;
import io.cxengage.job.serde.JsonTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Parses raw records; what cannot be parsed goes to the {@link #DEAD} side output. */
public final class ParseFunction extends ProcessFunction<RawEvent, ParsedEvent> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<DeadLetterRecord> DEAD =
      new OutputTag<>("parse-dead-letters", JsonTypeInfo.of(DeadLetterRecord.class));

  private final EventParser parser = new EventParser();
  private transient Counter parsed;
  private transient Counter rejected;

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext context) {
    parsed = getRuntimeContext().getMetricGroup().counter("eventsParsed");
    rejected = getRuntimeContext().getMetricGroup().counter("eventsRejected");
  }

  @Override
  public void processElement(RawEvent raw, Context ctx, Collector<ParsedEvent> out) {
    EventParser.Result result = parser.parse(raw);
    if (result.event() != null) {
      parsed.inc();
      out.collect(result.event());
    } else {
      rejected.inc();
      ctx.output(
          DEAD, DeadLetters.of(raw, result.tenant(), result.reason(), DeadLetters.STAGE_PARSE));
    }
  }
}
