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
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.StateBackendLoader;
import org.apache.flink.runtime.state.delegate.DelegatingStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.Test;
import org.rocksdb.DBOptions;
import org.rocksdb.Priority;

class CheckpointFriendlyRocksDbTest {

  @Test
  void theEnginesRocksDbBackendFlushesAllColumnFamiliesAtomically() throws Exception {
    Configuration conf = EngineJob.configuration(JobSettings.from(new String[0], Map.of()));

    EmbeddedRocksDBStateBackend rocksDb =
        assertInstanceOf(EmbeddedRocksDBStateBackend.class, rocksDbUnder(backendOf(conf)));
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
  void theEnginesRocksDbStateLogsItsChangesBesideTheCheckpoints() throws Exception {
    Configuration conf =
        EngineJob.configuration(
            JobSettings.from(
                new String[] {"--checkpoint-dir", "file:///var/cx/checkpoints/"}, Map.of()));

    StateBackend backend = backendOf(conf);

    assertTrue(StateBackendLoader.isChangelogStateBackend(backend));
    assertInstanceOf(EmbeddedRocksDBStateBackend.class, rocksDbUnder(backend));
    assertEquals(
        "file:///var/cx/checkpoints/changelog", conf.get(FsStateChangelogOptions.BASE_PATH));
    // a changelog cannot take the full copy a NO_CLAIM restore needs: restores claim
    assertEquals(RecoveryClaimMode.CLAIM, conf.get(StateRecoveryOptions.RESTORE_MODE));
  }

  @Test
  void withoutTheChangelogRocksDbIsCopiedAtEveryCheckpoint() throws Exception {
    Configuration conf =
        EngineJob.configuration(
            JobSettings.from(new String[0], Map.of("CX_STATE_CHANGELOG", "false")));

    StateBackend backend = backendOf(conf);

    assertFalse(StateBackendLoader.isChangelogStateBackend(backend));
    assertInstanceOf(EmbeddedRocksDBStateBackend.class, backend);
  }

  @Test
  void theHeapBackendNamesNoRocksDbOptionsAndKeepsNoChangelog() throws Exception {
    Configuration conf =
        EngineJob.configuration(
            JobSettings.from(new String[] {"--state-backend", "heap"}, Map.of()));

    assertFalse(conf.contains(RocksDBOptions.OPTIONS_FACTORY));
    assertFalse(StateBackendLoader.isChangelogStateBackend(backendOf(conf)));
  }

  /** The job's backend, loaded as Flink loads it: from the configuration alone. */
  private StateBackend backendOf(Configuration conf) throws Exception {
    return StateBackendLoader.fromApplicationOrConfigOrDefault(
        null, conf, new Configuration(), getClass().getClassLoader(), null);
  }

  private static StateBackend rocksDbUnder(StateBackend backend) {
    return backend instanceof DelegatingStateBackend changelog
        ? changelog.getDelegatedStateBackend()
        : backend;
  }
}
