package io.cxengage.admin.augment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Where an augment's uploaded rows lie ({@code t/augment-file/AUn} in the configuration log): per
 * partition of {@code cx.augment-rows}, the offsets {@code [from, to)} that hold them ({@code to}
 * null while an upload is in progress: up to the partition's end). Every live row of the augment
 * lies inside these ranges, so replacing or deleting the file only scans them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadManifest(
    long generation,
    String state,
    List<String> columns,
    Long rows,
    Long rejected,
    Map<String, Range> ranges,
    Long version) {

  public static final String UPLOADING = "uploading";
  public static final String COMPLETE = "complete";

  /** Offsets {@code [from, to)} of one partition; {@code to} null means up to its end. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Range(long from, Long to) {}

  public boolean complete() {
    return COMPLETE.equals(state);
  }
}
