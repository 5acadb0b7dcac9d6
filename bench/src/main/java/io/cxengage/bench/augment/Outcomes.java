package io.cxengage.bench.augment;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Counts what comes out of the job into {@link JobMeter}: reactions, with or without the tier their
 * customer's row gives, and dead letters; the end of its input stops the clock.
 */
final class Outcomes implements Sink<Outcomes.Kind> {

  private static final long serialVersionUID = 1L;

  /** What one record out of the job was. */
  enum Kind {
    REACTION,
    REACTION_WITH_TIER,
    DEAD_LETTER
  }

  @Override
  public SinkWriter<Kind> createWriter(WriterInitContext context) {
    return new SinkWriter<>() {
      @Override
      public void write(Kind kind, Context context) {
        if (kind == Kind.DEAD_LETTER) {
          JobMeter.deadLetter();
        } else {
          JobMeter.reaction(kind == Kind.REACTION_WITH_TIER);
        }
      }

      @Override
      public void flush(boolean endOfInput) {
        if (endOfInput) {
          JobMeter.finished();
        }
      }

      @Override
      public void close() {}
    };
  }
}
