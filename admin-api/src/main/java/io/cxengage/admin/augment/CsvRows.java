package io.cxengage.admin.augment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV stream row by row (RFC 4180: commas, double quotes with {@code ""} inside, line
 * breaks inside quotes, CRLF or LF), skipping a UTF-8 byte-order mark and blank lines and trimming
 * unquoted values. Holds one row at a time and knows the exact line each row starts on, which the
 * per-row errors of an upload report (Jackson's CSV reader does not track lines reliably across
 * skipped and quoted lines).
 */
final class CsvRows implements AutoCloseable {

  /** A row longer than this is refused, so one hostile row cannot exhaust memory. */
  static final int MAX_ROW_CHARS = 1 << 20;

  /** One row and the 1-based line it starts on. */
  record Row(long line, List<String> values) {}

  /** The text is not CSV; {@link #line()} says where. */
  static final class FormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    FormatException(long line, String message) {
      super(message);
      this.line = line;
    }

    long line() {
      return line;
    }
  }

  private final Reader in;
  private final char[] buffer = new char[65536];
  private int position;
  private int limit;
  private long line = 1;
  private int pushedBack = -1;

  CsvRows(InputStream csv) throws IOException {
    BufferedInputStream bytes = new BufferedInputStream(csv, 65536);
    bytes.mark(3);
    byte[] bom = bytes.readNBytes(3);
    boolean hasBom =
        bom.length == 3
            && (bom[0] & 0xFF) == 0xEF
            && (bom[1] & 0xFF) == 0xBB
            && (bom[2] & 0xFF) == 0xBF;
    if (!hasBom) {
      bytes.reset();
    }
    in = new InputStreamReader(bytes, StandardCharsets.UTF_8);
  }

  /** The next non-blank row, or null at the end. */
  Row next() throws IOException {
    while (true) {
      int c = read();
      if (c < 0) {
        return null;
      }
      if (c == '\n' || c == '\r') {
        endOfLine(c);
        continue;
      }
      pushedBack = c;
      return row();
    }
  }

  private Row row() throws IOException {
    long start = line;
    List<String> values = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int total = 0;
    while (true) {
      int c = read();
      if (c == '"' && field.toString().isBlank()) {
        field.setLength(0);
        total += quoted(field, start);
        c = afterQuote();
        values.add(field.toString());
      } else {
        while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
          field.append((char) c);
          c = read();
        }
        values.add(field.toString().trim());
      }
      total += field.length();
      if (total > MAX_ROW_CHARS) {
        throw new FormatException(start, "the row is longer than " + MAX_ROW_CHARS + " characters");
      }
      field.setLength(0);
      if (c == ',') {
        continue;
      }
      if (c == '\n' || c == '\r') {
        endOfLine(c);
      }
      return new Row(start, values);
    }
  }

  /** Reads a quoted value after its opening quote; returns its length. */
  private int quoted(StringBuilder field, long start) throws IOException {
    while (true) {
      int c = read();
      if (c < 0) {
        throw new FormatException(
            start, "a quoted value opened on line " + start + " is not closed");
      }
      if (c == '"') {
        int next = read();
        if (next != '"') {
          pushedBack = next;
          return field.length();
        }
      } else if (c == '\n') {
        line++;
      } else if (c == '\r') {
        int next = read();
        if (next != '\n') {
          pushedBack = next;
        }
        line++;
        field.append('\n');
        continue;
      }
      field.append((char) c);
      if (field.length() > MAX_ROW_CHARS) {
        throw new FormatException(start, "the row is longer than " + MAX_ROW_CHARS + " characters");
      }
    }
  }

  /** Skips spaces after a closing quote; returns the separator or end that follows. */
  private int afterQuote() throws IOException {
    int c = read();
    while (c == ' ' || c == '\t') {
      c = read();
    }
    if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
      throw new FormatException(
          line, "unexpected '" + (char) c + "' after a closing quote on line " + line);
    }
    return c;
  }

  private void endOfLine(int c) throws IOException {
    if (c == '\r') {
      int next = read();
      if (next != '\n') {
        pushedBack = next;
      }
    }
    line++;
  }

  private int read() throws IOException {
    if (pushedBack != -1) {
      int c = pushedBack;
      pushedBack = -1;
      return c;
    }
    if (position == limit) {
      limit = in.read(buffer);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return -1;
      }
    }
    return buffer[position++];
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
