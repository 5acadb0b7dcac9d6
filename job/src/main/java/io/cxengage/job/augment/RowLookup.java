package io.cxengage.job.augment;

import io.cxengage.connectors.json.Json;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * The rows of the file augments, in keyed state by {@code tenant/augmentId/joinValue} (RocksDB in
 * production: each row is one entry, so millions fit and none is ever broadcast), and the answers
 * to lookups of them. Rows come from {@code cx.augment-rows} on the second input: a row replaces
 * the one before it under its key, a tombstone deletes it. A lookup is answered at once with the
 * row as it is then: a row that arrives later does not apply to subjects already answered.
 *
 * <p>Rows carry no event time: their input is idle for the watermark, so a quiet or finished rows
 * topic neither holds back nor advances the events' time.
 */
public final class RowLookup extends AbstractStreamOperator<RowAnswer>
    implements TwoInputStreamOperator<RowRequest, AugmentRow, RowAnswer> {

  private static final long serialVersionUID = 1L;

  private transient ValueState<String> row;
  private transient Counter found;
  private transient Counter missed;

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    row =
        context
            .getKeyedStateStore()
            .getState(new ValueStateDescriptor<>("cx-augment-row", StringSerializer.INSTANCE));
  }

  @Override
  public void open() throws Exception {
    super.open();
    super.processWatermarkStatus(WatermarkStatus.IDLE, 1);
    found = getMetricGroup().counter("augmentRowsFound");
    missed = getMetricGroup().counter("augmentRowsMissing");
  }

  @Override
  public void processElement1(StreamRecord<RowRequest> record) throws Exception {
    RowRequest request = record.getValue();
    String json = row.value();
    (json == null ? missed : found).inc();
    output.collect(
        new StreamRecord<>(
            new RowAnswer(
                request.routingKey(),
                request.subjectId(),
                request.augmentId(),
                json == null
                    ? null
                    : Augment.limit(
                        Json.tree(json), request.joinAttribute(), request.attributes())),
            record.getTimestamp()));
  }

  @Override
  public void processElement2(StreamRecord<AugmentRow> record) throws Exception {
    String value = record.getValue().value();
    if (value == null) {
      row.clear();
    } else {
      row.update(value);
    }
  }

  @Override
  public void processWatermark2(Watermark mark) {
    // rows carry no event time
  }

  @Override
  protected void processWatermarkStatus(WatermarkStatus status, int input) throws Exception {
    if (input == 0) {
      super.processWatermarkStatus(status, input);
    }
    // the rows input stays idle
  }
}
