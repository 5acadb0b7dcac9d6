package io.cxengage.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.error.PayloadTooLargeException;
import io.cxengage.admin.error.UnsupportedMediaTypeException;
import io.cxengage.connectors.json.Json;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads request bodies: checks the content type (415), bounds the size (413) and parses JSON (400
 * with the line and column of the problem). The original document's own examples contain one object
 * whose members are separated by a line break without a comma; {@link JsonRepair} accepts exactly
 * that slip.
 */
public final class RequestBodies {

  private final long maxBytes;

  public RequestBodies(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** The body as a JSON object. */
  public ObjectNode object(Context ctx) {
    requireJson(ctx);
    byte[] bytes = read(ctx, maxBytes);
    JsonNode node = parse(bytes);
    if (!(node instanceof ObjectNode object)) {
      throw new BadRequestException("the body must be a JSON object");
    }
    return object;
  }

  /** The body as a JSON object; an empty body counts as {@code {}}. */
  public ObjectNode optionalObject(Context ctx) {
    requireJson(ctx);
    byte[] bytes = read(ctx, maxBytes);
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return Json.mapper().createObjectNode();
    }
    JsonNode node = parse(bytes);
    if (!(node instanceof ObjectNode object)) {
      throw new BadRequestException("the body must be a JSON object");
    }
    return object;
  }

  /** Parses JSON, answering 400 with where the text stops being JSON. */
  public static JsonNode parse(byte[] bytes) {
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      throw new BadRequestException("the body is empty: a JSON object is required");
    }
    try {
      return Json.mapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      String repaired = JsonRepair.missingCommas(new String(bytes, StandardCharsets.UTF_8));
      if (repaired != null) {
        try {
          return Json.mapper().readTree(repaired);
        } catch (JsonProcessingException ignored) {
          // report the original problem
        }
      }
      var location = e.getLocation();
      BadRequestException error =
          new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
      if (location != null) {
        error.with("line", location.getLineNr()).with("column", location.getColumnNr());
      }
      throw error;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 415 unless the content type is JSON or absent. */
  public static void requireJson(Context ctx) {
    String type = mediaType(ctx);
    if (type.isEmpty() || type.equals("application/json") || type.endsWith("+json")) {
      return;
    }
    throw new UnsupportedMediaTypeException(
            "this call reads JSON: send 'Content-Type: application/json' (got '" + type + "')")
        .with("content-type", type);
  }

  /** The request's media type in lower case, without parameters; empty when not given. */
  public static String mediaType(Context ctx) {
    String header = ctx.header("Content-Type");
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Reads the whole body, refusing (413) one longer than {@code limit} bytes. An oversized body of
   * up to {@link #DRAIN_LIMIT} bytes is read to its end and discarded first, so the client, still
   * sending, reads the 413 instead of a reset connection; a larger one is cut off.
   */
  public static byte[] read(Context ctx, long limit) {
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > limit) {
        drain(in, declared);
        throw tooLarge(limit);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
      byte[] buffer = new byte[8192];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > limit) {
          drain(in, DRAIN_LIMIT);
          throw tooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new BadRequestException("the request body could not be read: " + e.getMessage());
    }
  }

  /** How much of an oversized body is read and discarded before answering 413. */
  static final long DRAIN_LIMIT = 32L << 20;

  private static void drain(InputStream in, long declared) throws IOException {
    if (declared > DRAIN_LIMIT) {
      return;
    }
    byte[] buffer = new byte[65536];
    long total = 0;
    int n;
    while (total < DRAIN_LIMIT && (n = in.read(buffer)) >= 0) {
      total += n;
    }
  }

  /**
   * Reads and discards what a handler left of the body, up to {@link #DRAIN_LIMIT} bytes. A call
   * refused before its body was read (401, 404, 415) would otherwise close a connection with unread
   * bytes in it, which resets it under the client before the client has read the answer.
   */
  public static void discardUnread(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared == 0 || declared > DRAIN_LIMIT || ctx.req().isAsyncStarted()) {
      return;
    }
    try {
      drain(ctx.req().getInputStream(), declared);
    } catch (IOException | IllegalStateException e) {
      // the body was already consumed or the client went away: nothing is left to discard
    }
  }

  static PayloadTooLargeException tooLarge(long limit) {
    return new PayloadTooLargeException("the request body is larger than " + limit + " bytes")
        .with("limit", limit);
  }
}
