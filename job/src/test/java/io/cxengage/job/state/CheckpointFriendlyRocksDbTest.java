package io.cxengage.job.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.StateBackendLoader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.Test;
import org.rocksdb.DBOptions;
import org.rocksdb.Priority;

class CheckpointFriendlyRocksDbTest {

  @Test
  void theEnginesRocksDbBackendFlushesAllColumnFamiliesAtomically() throws Exception {
    Configuration conf = EngineJob.configuration(JobSettings.from(new String[0], Map.of()));

    // loaded the way Flink loads the job's backend, from the configuration alone
    StateBackend backend =
        StateBackendLoader.loadStateBackendFromConfig(conf, getClass().getClassLoader(), null);

    EmbeddedRocksDBStateBackend rocksDb =
        assertInstanceOf(EmbeddedRocksDBStateBackend.class, backend);
    var factory = assertInstanceOf(CheckpointFriendlyRocksDb.class, rocksDb.getRocksDBOptions());
    List<AutoCloseable> handles = new ArrayList<>();
    try (DBOptions options = factory.createDBOptions(new DBOptions(), handles)) {
      assertTrue(options.atomicFlush());
      assertEquals(
          CheckpointFriendlyRocksDb.FLUSH_THREADS,
          options.getEnv().getBackgroundThreads(Priority.HIGH));
    }
  }

  @Test
  void theHeapBackendNamesNoRocksDbOptions() {
    Configuration conf =
        EngineJob.configuration(
            JobSettings.from(new String[] {"--state-backend", "heap"}, Map.of()));

    assertFalse(conf.contains(RocksDBOptions.OPTIONS_FACTORY));
  }
}
