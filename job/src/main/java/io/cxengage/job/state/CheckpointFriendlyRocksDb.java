package io.cxengage.job.state;

import java.util.Collection;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * RocksDB options for the engine's keyed state. A checkpoint of a RocksDB backend starts, on the
 * task thread, with a native RocksDB checkpoint, which flushes every column family's memtable
 * first. Flushed one by one, each is a round trip to RocksDB's flush thread with its own MANIFEST
 * write: with the dynamic CEP operator's nine states that stalled the operator for 150-400 ms at
 * every checkpoint on two busy cores, most of a reaction's p99 latency (bench/README.md, "Whole
 * pipeline"). An atomic flush writes all of them in one job. It is meant for databases without a
 * write-ahead log, as Flink's are.
 */
public final class CheckpointFriendlyRocksDb implements RocksDBOptionsFactory {

  private static final long serialVersionUID = 1L;

  @Override
  public DBOptions createDBOptions(DBOptions current, Collection<AutoCloseable> handlesToClose) {
    return current.setAtomicFlush(true);
  }

  @Override
  public ColumnFamilyOptions createColumnOptions(
      ColumnFamilyOptions current, Collection<AutoCloseable> handlesToClose) {
    return current;
  }
}
