package io.cxengage.job.augment;

import io.cxengage.job.serde.JsonTypeInfo;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The augment stages of one service, between where subjects are planned and where they are used:
 *
 * <pre>
 * subjects → split ─ file tenants ─────────────► gather (by customer) ─┐
 *                  ├ lookups → row store (by tenant/augment/joinValue) ┘ answers
 *                  └ API only ──────────────────────────────────────────┴► API calls (ordered async)
 * rows ──────────────► row store
 * </pre>
 *
 * Rows are stored once, keyed by their join value; a subject's lookups go to them (scatter) and the
 * answers come back to the subject, keyed by its customer (gather), so any number of file augments
 * per tenant, each with its own join attribute, costs one lookup each and no fixed chain of stages.
 * What was found is merged by the caller ({@link AugmentSubject#toEvent}, {@link
 * AugmentSubject#toMatch}).
 */
public final class AugmentStages {

  private AugmentStages() {}

  /**
   * @param service {@code engine} or {@code notification}: names the operators and their uids
   */
  public static DataStream<AugmentSubject> apply(
      String service,
      DataStream<AugmentSubject> subjects,
      DataStream<AugmentRow> rows,
      AugmentSettings settings) {
    JsonTypeInfo<AugmentSubject> type = JsonTypeInfo.of(AugmentSubject.class);
    SingleOutputStreamOperator<AugmentSubject> split =
        subjects
            .process(new AugmentSplit())
            .returns(type)
            .uid("cx-" + service + "-augment-split")
            .name(service + " augments: split");
    SingleOutputStreamOperator<RowAnswer> answers =
        split
            .getSideOutput(AugmentSplit.LOOKUPS)
            .keyBy(RowRequest::rowKey, Types.STRING)
            .connect(rows.keyBy(AugmentRow::key, Types.STRING))
            .transform(
                service + " augments: rows", JsonTypeInfo.of(RowAnswer.class), new RowLookup())
            .uid("cx-" + service + "-augment-rows");
    SingleOutputStreamOperator<AugmentSubject> gathered =
        split
            .getSideOutput(AugmentSplit.TO_GATHER)
            .keyBy(AugmentSubject::routingKey, Types.STRING)
            .connect(answers.keyBy(RowAnswer::routingKey, Types.STRING))
            .transform(service + " augments: gather", type, new AugmentGather())
            .uid("cx-" + service + "-augment-gather");
    // ordered: a customer's subjects leave in the order they came
    return AsyncDataStream.orderedWait(
            split.union(gathered),
            new ApiAugmentFunction(settings),
            settings.operatorTimeout().toMillis(),
            TimeUnit.MILLISECONDS,
            settings.apiInFlight())
        .returns(type)
        .uid("cx-" + service + "-augment-api")
        .name(service + " augments: API");
  }
}
