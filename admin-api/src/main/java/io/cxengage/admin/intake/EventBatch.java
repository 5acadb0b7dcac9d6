package io.cxengage.admin.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a batch body into events: a JSON array, or newline-delimited JSON (one object per line). A
 * line that is not JSON becomes an item with an error, so the rest of an NDJSON batch still counts;
 * a malformed array, or lines none of which is JSON, refuse the whole batch (400).
 */
public final class EventBatch {

  /** One element of the batch: its position, size, parsed value or why it could not be read. */
  public record Item(int index, int bytes, JsonNode event, String error) {}

  private EventBatch() {}

  /** Parses a batch; stops (413 upstream) once more than {@code maxItems} were seen. */
  public static List<Item> parse(byte[] body, int maxItems) {
    int start = 0;
    while (start < body.length && Character.isWhitespace(body[start])) {
      start++;
    }
    if (start == body.length) {
      throw new BadRequestException("the batch is empty: send a JSON array or one event per line");
    }
    return body[start] == '[' ? array(body, maxItems) : lines(body, maxItems);
  }

  private static List<Item> array(byte[] body, int maxItems) {
    List<Item> items = new ArrayList<>();
    try (JsonParser parser = Json.mapper().createParser(body)) {
      parser.nextToken(); // [
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw new BadRequestException("the JSON array of events is not closed");
        }
        long from = parser.currentTokenLocation().getByteOffset();
        JsonNode event = parser.readValueAsTree();
        long to = parser.currentLocation().getByteOffset();
        items.add(new Item(items.size(), (int) (to - from), event, null));
        if (items.size() > maxItems) {
          break;
        }
      }
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      BadRequestException error =
          new BadRequestException("the batch is not a valid JSON array: " + e.getOriginalMessage());
      if (where != null) {
        error.with("line", where.getLineNr()).with("column", where.getColumnNr());
      }
      throw error;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return items;
  }

  private static List<Item> lines(byte[] body, int maxItems) {
    List<Item> items = new ArrayList<>();
    int lineStart = 0;
    for (int i = 0; i <= body.length && items.size() <= maxItems; i++) {
      if (i < body.length && body[i] != '\n') {
        continue;
      }
      String line = new String(body, lineStart, i - lineStart, StandardCharsets.UTF_8);
      int bytes = i - lineStart;
      lineStart = i + 1;
      if (line.isBlank()) {
        continue;
      }
      try {
        items.add(new Item(items.size(), bytes, Json.mapper().readTree(line), null));
      } catch (JsonProcessingException e) {
        items.add(new Item(items.size(), bytes, null, "not valid JSON: " + e.getOriginalMessage()));
      }
    }
    if (items.stream().allMatch(item -> item.error() != null)) {
      throw new BadRequestException(
              "the batch is neither a JSON array nor newline-delimited JSON: "
                  + items.get(0).error())
          .with("line", 1);
    }
    return items;
  }
}
