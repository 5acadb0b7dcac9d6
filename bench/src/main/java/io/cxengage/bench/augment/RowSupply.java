package io.cxengage.bench.augment;

import io.cxengage.bench.cep.BenchStream;
import io.cxengage.job.augment.AugmentRow;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Row i of the uploaded file, as the admin API writes it to {@code cx.augment-rows}: key {@code
 * bench/AU1/c<i>}, value {@code {"id": "c<i>", "tier": Gold|Silver|Bronze}}. Counts what it has
 * handed to the job ({@link JobMeter}).
 */
final class RowSupply implements MapFunction<Long, AugmentRow> {

  private static final long serialVersionUID = 1L;
  private static final String[] TIERS = {"Gold", "Silver", "Bronze"};

  private final long rows;

  RowSupply(long rows) {
    this.rows = rows;
  }

  /** The tier the row of customer {@code c<i>} gives. */
  static String tierOf(long i) {
    return TIERS[(int) (i % TIERS.length)];
  }

  @Override
  public AugmentRow map(Long i) {
    AugmentRow row =
        new AugmentRow(
            BenchStream.TENANT + "/" + AugmentJob.AUGMENT + "/c" + i,
            "{\"id\":\"c" + i + "\",\"tier\":\"" + tierOf(i) + "\"}");
    JobMeter.rowHanded(rows);
    return row;
  }
}
