package io.cxengage.job.config;

import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.job.model.ConfigUpdate;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Prepares the configuration log for broadcasting: keeps only the records the job reads, and emits
 * the readiness marker once it has passed the offset at which the log ended when the job was
 * submitted ({@code readyAtOffset}; -1 when the log was empty, in which case the marker goes out
 * with the first record or is not needed at all).
 */
public final class ConfigFeed extends RichFlatMapFunction<ConfigUpdate, ConfigUpdate> {

  private static final long serialVersionUID = 1L;
  private final long readyAtOffset;
  private transient boolean markerSent;

  public ConfigFeed(long readyAtOffset) {
    this.readyAtOffset = readyAtOffset;
  }

  @Override
  public void flatMap(ConfigUpdate update, Collector<ConfigUpdate> out) {
    if (ConfigReadiness.isMarker(update)) {
      out.collect(update);
      markerSent = true;
      return;
    }
    if (ConfigKey.parse(update.key()).filter(k -> ConfigView.concernsJob(k.kind())).isPresent()) {
      out.collect(update);
    } else {
      // not for the job, but its offset counts: events wait for offsets, whatever they hold
      out.collect(ConfigReadiness.progress(update.offset()));
    }
    if (!markerSent && update.offset() >= readyAtOffset) {
      out.collect(ConfigReadiness.marker());
      markerSent = true;
    }
  }
}
