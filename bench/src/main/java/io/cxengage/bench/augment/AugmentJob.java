package io.cxengage.bench.augment;

import io.cxengage.bench.cep.BenchConfig;
import io.cxengage.bench.cep.BenchStream;
import io.cxengage.bench.cep.Workload;
import io.cxengage.connectors.config.AugmentDocument;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.records.ReactionRecord;
import io.cxengage.job.CxEngageJob;
import io.cxengage.job.JobOptions;
import io.cxengage.job.augment.AugmentRow;
import io.cxengage.job.augment.AugmentSettings;
import io.cxengage.job.cep.DynamicPatternOperator;
import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.reaction.DispatchSettings;
import io.cxengage.job.serde.JsonTypeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole job ({@link CxEngageJob#build}) as the bench runs it: the pre-generated events ({@link
 * EventParts}), the rows of one engine file augment ({@link RowSupply}) and the bench tenant's
 * configuration, to a sink that counts the outcomes ({@link Outcomes}). Both variants run the same
 * {@code seq-within} pattern; with the augment, {@code AU1} joins its rows on the key attribute
 * {@code id} and the reaction echoes the {@code tier} a row gave, so the bench can check that every
 * reaction got its customer's tier.
 */
final class AugmentJob {

  static final String AUGMENT = "AU1";

  /** The pattern and the event types of the stream. */
  static final Workload WORKLOAD = Workload.seqWithin();

  private AugmentJob() {}

  /**
   * @param rows the rows of the augment; 0: the tenant has no augment at all
   */
  static void define(StreamExecutionEnvironment env, long rows) {
    // a source of no elements at all fails in Flink 2.2: one index, filtered out
    DataStream<Long> indexes =
        rows > 0 ? env.fromSequence(0, rows - 1) : env.fromSequence(0, 0).filter(i -> false);
    DataStream<AugmentRow> rowStream =
        indexes.map(new RowSupply(rows)).returns(JsonTypeInfo.of(AugmentRow.class)).name("rows");
    JobOptions options =
        new JobOptions(
            JobOptions.DEFAULT_TOLERANCE,
            false,
            DynamicPatternOperator.Ordering.ARRIVAL,
            false,
            Long.MAX_VALUE,
            null,
            AugmentSettings.defaults());
    CxEngageJob.Outputs out =
        CxEngageJob.build(
            EventParts.source(env, rows),
            env.fromData(config(rows > 0), JsonTypeInfo.of(ConfigUpdate.class)).name("config"),
            rowStream,
            options,
            DispatchSettings.replayOnly());
    TypeInformation<Outcomes.Kind> kind = Types.ENUM(Outcomes.Kind.class);
    out.reactions()
        .map(AugmentJob::outcome)
        .returns(kind)
        .union(out.deadLetters().map(d -> Outcomes.Kind.DEAD_LETTER).returns(kind))
        .sinkTo(new Outcomes())
        .name("count outcomes");
  }

  private static Outcomes.Kind outcome(ReactionRecord r) {
    String tier = r.params().path("tier").asText("");
    boolean rowsTier = tier.equals(RowSupply.tierOf(Long.parseLong(r.key().substring(1))));
    return rowsTier ? Outcomes.Kind.REACTION_WITH_TIER : Outcomes.Kind.REACTION;
  }

  /** The bench tenant's configuration: with the augment AU1 and its upload, or without. */
  private static List<ConfigUpdate> config(boolean augmented) {
    Map<ConfigKey, Object> augment = new LinkedHashMap<>();
    if (augmented) {
      String t = BenchStream.TENANT;
      augment.put(
          ConfigKey.of(t, ConfigKind.AUGMENT, AUGMENT),
          new AugmentDocument(AUGMENT, "tiers", "file", "engine", null, null, null, 1L));
      augment.put(
          ConfigKey.of(t, ConfigKind.AUGMENT_FILE, AUGMENT),
          Map.of("generation", 1, "state", "complete", "columns", List.of("id", "tier")));
    }
    // a missing *tier* would fail the send: without the augment, the same send of a constant
    String then =
        augmented ? "(send echo message {:tier *tier*})" : "(send echo message {:tier \"\"})";
    return BenchConfig.of(WORKLOAD, then, augment);
  }
}
