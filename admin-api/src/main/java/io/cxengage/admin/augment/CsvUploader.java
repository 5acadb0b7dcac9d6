package io.cxengage.admin.augment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.error.ServiceUnavailableException;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.admin.store.KeyLocks;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Streams an uploaded CSV into {@code cx.augment-rows}: the header row names the columns, the first
 * column is the join key, and each row becomes one record (key {@code tenant/AUn/joinValue}, value
 * the row as a JSON object). Rows are parsed and sent one at a time, so the file is never held in
 * memory; the producer's buffer bounds what is in flight.
 *
 * <p>An upload replaces the previous one: before the new rows are written, every row of the augment
 * inside the ranges of its {@link UploadManifest} is deleted with a tombstone. As a key always goes
 * to the same partition, a new row written after its tombstone survives compaction. The manifest is
 * written before the upload ("uploading", ranges open-ended) and after it ("complete", exact
 * ranges), so a crash mid-upload still leaves every row findable for the next replacement.
 */
public final class CsvUploader {

  /** At most this many rejected rows are listed in an answer; the count covers all. */
  public static final int MAX_LISTED_REJECTIONS = 1000;

  /** A row that was not stored, by its line in the file. */
  public record Rejection(long line, String error) {}

  /** The outcome of an upload. */
  public record Result(long rows, long rejectedCount, List<Rejection> rejected) {}

  private final ConfigLog log;
  private final AugmentRows rows;
  private final Producer<String, byte[]> producer;
  private final KeyLocks locks;

  public CsvUploader(
      ConfigLog log, AugmentRows rows, Producer<String, byte[]> producer, KeyLocks locks) {
    this.log = log;
    this.rows = rows;
    this.producer = producer;
    this.locks = locks;
  }

  public Optional<UploadManifest> manifest(String tenant, String augmentId) {
    return log.view()
        .get(manifestKey(tenant, augmentId))
        .map(node -> Json.mapper().convertValue(node, UploadManifest.class));
  }

  /** Replaces the augment's rows with those of {@code csv}. */
  public Result upload(String tenant, String augmentId, InputStream csv) {
    ConfigKey key = manifestKey(tenant, augmentId);
    return locks.withLock(key.toString(), () -> uploadLocked(tenant, augmentId, csv));
  }

  /** Deletes the augment's rows; false when no file was uploaded. */
  public boolean delete(String tenant, String augmentId) {
    ConfigKey key = manifestKey(tenant, augmentId);
    return locks.withLock(
        key.toString(),
        () -> {
          Optional<UploadManifest> previous = manifest(tenant, augmentId);
          if (previous.isEmpty()) {
            return false;
          }
          tombstone(prefix(tenant, augmentId), previous.get().ranges());
          log.delete(key);
          return true;
        });
  }

  /** Streams the rows of a manifest to {@code each} as column values, in upload order. */
  public void rows(
      String tenant,
      String augmentId,
      UploadManifest manifest,
      java.util.function.Consumer<List<String>> each) {
    rows.scan(
        manifest.ranges(),
        prefix(tenant, augmentId),
        (key, value) -> {
          if (value == null) {
            return;
          }
          ObjectNode row = Json.read(value, ObjectNode.class);
          List<String> values = new ArrayList<>(manifest.columns().size());
          for (String column : manifest.columns()) {
            values.add(row.path(column).asText(""));
          }
          each.accept(values);
        });
  }

  private Result uploadLocked(String tenant, String augmentId, InputStream csv) {
    String prefix = prefix(tenant, augmentId);
    try (CsvRows parser = new CsvRows(csv)) {
      List<String> columns = header(parser);
      Optional<UploadManifest> previous = manifest(tenant, augmentId);
      long generation = previous.map(m -> m.generation() + 1).orElse(1L);
      Map<Integer, Long> start = rows.endOffsets();
      Map<String, UploadManifest.Range> covering = new HashMap<>();
      start.forEach(
          (p, offset) -> covering.put(p.toString(), new UploadManifest.Range(offset, null)));
      previous
          .map(UploadManifest::ranges)
          .ifPresent(
              old ->
                  old.forEach(
                      (p, range) ->
                          covering.merge(
                              p,
                              range,
                              (now, before) -> new UploadManifest.Range(before.from(), null))));
      writeManifest(
          tenant,
          augmentId,
          new UploadManifest(
              generation, UploadManifest.UPLOADING, columns, null, null, covering, generation));
      previous.ifPresent(m -> tombstone(prefix, m.ranges()));

      Map<Integer, Long> from = rows.endOffsets();
      Sent sent = new Sent();
      List<Rejection> rejected = new ArrayList<>();
      long rejectedCount = 0;
      BadRequestException unreadable = null;
      while (true) {
        CsvRows.Row row;
        try {
          row = parser.next();
        } catch (CsvRows.FormatException e) {
          unreadable =
              new BadRequestException(
                  "the CSV cannot be read from line " + e.line() + ": " + e.getMessage());
          unreadable.with("line", e.line());
          break;
        }
        if (row == null) {
          break;
        }
        String problem = problem(row.values(), columns);
        if (problem != null) {
          rejectedCount++;
          if (rejected.size() < MAX_LISTED_REJECTIONS) {
            rejected.add(new Rejection(row.line(), problem));
          }
          continue;
        }
        ObjectNode value = Json.mapper().createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
          value.put(columns.get(i), row.values().get(i));
        }
        sent.send(producer, rows.topic(), prefix + row.values().get(0), Json.writeBytes(value));
      }
      producer.flush();
      sent.check();
      Map<Integer, Long> to = rows.endOffsets();
      Map<String, UploadManifest.Range> ranges = new HashMap<>();
      to.forEach(
          (p, end) -> {
            long begin = from.getOrDefault(p, 0L);
            if (end > begin) {
              ranges.put(p.toString(), new UploadManifest.Range(begin, end));
            }
          });
      writeManifest(
          tenant,
          augmentId,
          new UploadManifest(
              generation,
              UploadManifest.COMPLETE,
              columns,
              sent.count(),
              rejectedCount,
              ranges,
              generation));
      if (unreadable != null) {
        throw unreadable.with("rows", sent.count());
      }
      return new Result(sent.count(), rejectedCount, rejected);
    } catch (IOException e) {
      throw new BadRequestException("the upload could not be read: " + e.getMessage());
    }
  }

  private void tombstone(String prefix, Map<String, UploadManifest.Range> ranges) {
    Sent sent = new Sent();
    rows.scan(
        ranges,
        prefix,
        (key, value) -> {
          if (value != null) {
            sent.send(producer, rows.topic(), key, null);
          }
        });
    producer.flush();
    sent.check();
  }

  private void writeManifest(String tenant, String augmentId, UploadManifest manifest) {
    log.put(manifestKey(tenant, augmentId), (ObjectNode) Json.mapper().valueToTree(manifest));
  }

  private static List<String> header(CsvRows parser) throws IOException {
    CsvRows.Row header;
    try {
      header = parser.next();
    } catch (CsvRows.FormatException e) {
      throw new BadRequestException("the CSV header cannot be read: " + e.getMessage())
          .with("line", e.line());
    }
    if (header == null) {
      throw new BadRequestException("the CSV is empty: it needs a header row naming the columns")
          .with("line", 1);
    }
    List<String> columns = new ArrayList<>();
    for (String name : header.values()) {
      String column = name.trim();
      if (column.isEmpty()) {
        throw new BadRequestException(
                "the CSV header has an empty column name at position " + (columns.size() + 1))
            .with("line", header.line());
      }
      columns.add(column);
    }
    if (new HashSet<>(columns).size() != columns.size()) {
      throw new BadRequestException("the CSV header names a column twice: " + columns)
          .with("line", header.line());
    }
    return columns;
  }

  private static String problem(List<String> values, List<String> columns) {
    if (values.size() != columns.size()) {
      return "expected "
          + columns.size()
          + " fields ("
          + String.join(", ", columns)
          + "), found "
          + values.size();
    }
    if (values.get(0).isEmpty()) {
      return "the join key column '" + columns.get(0) + "' is empty";
    }
    return null;
  }

  private static ConfigKey manifestKey(String tenant, String augmentId) {
    return ConfigKey.of(tenant, ConfigKind.AUGMENT_FILE, augmentId);
  }

  private static String prefix(String tenant, String augmentId) {
    return tenant + "/" + augmentId + "/";
  }

  /** Counts sends and keeps the first failure, without holding a future per record. */
  private final class Sent {
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    void send(Producer<String, byte[]> to, String topic, String key, byte[] value) {
      count.incrementAndGet();
      to.send(
          new ProducerRecord<>(topic, key, value),
          (metadata, e) -> {
            if (e != null) {
              failed.incrementAndGet();
              firstFailure.compareAndSet(null, e);
            }
          });
    }

    long count() {
      return count.get() - failed.get();
    }

    void check() {
      if (failed.get() > 0) {
        throw new ServiceUnavailableException(
            failed.get()
                + " records could not be written to "
                + rows.topic()
                + " ("
                + firstFailure.get().getMessage()
                + "); upload the file again");
      }
    }
  }
}
