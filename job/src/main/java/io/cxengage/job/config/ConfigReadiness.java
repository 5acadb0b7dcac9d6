package io.cxengage.job.config;

import io.cxengage.job.model.ConfigUpdate;

/**
 * The marker that tells operators the configuration log has been read up to where it stood when the
 * job started. Until an operator has seen it (or restored it from a checkpoint), it holds events
 * and watermarks back: a fresh job must not dead-letter events of tenants whose configuration it
 * has not read yet.
 */
public final class ConfigReadiness {

  /** The key of the marker record; it is kept in broadcast state like any configuration. */
  public static final String MARKER_KEY = "__cx_config_ready__";

  private ConfigReadiness() {}

  public static ConfigUpdate marker() {
    return new ConfigUpdate(MARKER_KEY, "ready", -1);
  }

  public static boolean isMarker(ConfigUpdate update) {
    return MARKER_KEY.equals(update.key());
  }

  /**
   * The key of a record that only says how far the log has been read (a record not for the job).
   */
  public static final String PROGRESS_KEY = "__cx_config_progress__";

  public static ConfigUpdate progress(long offset) {
    return new ConfigUpdate(PROGRESS_KEY, null, offset);
  }

  public static boolean isProgress(ConfigUpdate update) {
    return PROGRESS_KEY.equals(update.key());
  }
}
