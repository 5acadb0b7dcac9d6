package io.cxengage.job.state;

import java.util.Collection;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Priority;

/**
 * RocksDB options for the engine's keyed state. A checkpoint of a RocksDB backend starts, on the
 * task thread, with a native RocksDB checkpoint, which flushes every column family's memtable
 * first. Flushed one by one, each is a round trip to RocksDB's flush thread with its own MANIFEST
 * write: with the dynamic CEP operator's eight column families that stalled the operator for 70-370
 * ms at every checkpoint on two busy cores, the largest part of the reactions' p99 latency
 * (bench/README.md, "Whole pipeline"). An atomic flush writes all of them in one job. It is meant
 * for databases without a write-ahead log, as Flink's are.
 *
 * <p>The flushes of every RocksDB instance in the JVM run in one pool of RocksDB's default
 * environment, which Flink's settings leave at one thread: at a checkpoint the CEP and reaction
 * operators' subtasks flushed one after the other, each stalled for the others' flushes too. The
 * pool gets a thread for each of those four.
 */
public final class CheckpointFriendlyRocksDb implements RocksDBOptionsFactory {

  private static final long serialVersionUID = 1L;

  /** Threads of the JVM-wide flush pool. */
  static final int FLUSH_THREADS = 4;

  @Override
  public DBOptions createDBOptions(DBOptions current, Collection<AutoCloseable> handlesToClose) {
    current.getEnv().setBackgroundThreads(FLUSH_THREADS, Priority.HIGH);
    return current.setAtomicFlush(true);
  }

  @Override
  public ColumnFamilyOptions createColumnOptions(
      ColumnFamilyOptions current, Collection<AutoCloseable> handlesToClose) {
    return current;
  }
}
