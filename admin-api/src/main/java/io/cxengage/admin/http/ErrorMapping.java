package io.cxengage.admin.http;

import io.cxengage.admin.error.ApiException;
import io.cxengage.admin.store.ConfigLogException;
import io.cxengage.connectors.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every exception to an answer, once for the whole server: {@link ApiException}s to their
 * status and {@code {"error": ..., ...details}}, an unreachable Kafka to 503, anything else to 500
 * with an incident id that is also logged. Never a stack trace in a response, and a refused
 * WebSocket upgrade gets the same JSON body.
 */
public final class ErrorMapping {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  /** The header that makes Javalin treat a request as a WebSocket upgrade. */
  private static final String WEBSOCKET_VERSION = "Sec-WebSocket-Version";

  /** The start of the message of a 404 for a path no route serves. */
  public static final String NO_ROUTE = "no such route";

  private ErrorMapping() {}

  public static void install(RoutesConfig routes) {
    routes.exception(ApiException.class, ErrorMapping::apiError);
    routes.exception(
        EndpointNotFound.class,
        (e, ctx) ->
            write(
                ctx,
                404,
                NO_ROUTE + ": " + ctx.method() + " " + ctx.path() + " (see GET /openapi.json)",
                Map.of()));
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> write(ctx, e.getStatus(), e.getMessage(), Map.copyOf(e.getDetails())));
    routes.exception(
        ConfigLogException.class,
        (e, ctx) -> {
          LOG.warn("Kafka unavailable for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
          write(ctx, 503, "Kafka is not available; retry later: " + e.getMessage(), Map.of());
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          String incident = UUID.randomUUID().toString();
          LOG.error("incident {} on {} {}", incident, ctx.method(), ctx.path(), e);
          write(
              ctx,
              500,
              "internal error; the server log has the details under this incident id",
              Map.of("incident", incident));
        });
  }

  private static void apiError(ApiException e, Context ctx) {
    e.headers().forEach(ctx::header);
    write(ctx, e.status(), e.getMessage(), e.details());
  }

  private static void write(Context ctx, int status, String message, Map<String, ?> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    details.forEach(body::putIfAbsent);
    Reply.json(ctx, status, body);
    if (ctx.header(WEBSOCKET_VERSION) != null) {
      // Javalin ends a refused WebSocket upgrade without writing the context's result
      writeNow(ctx, Json.writeBytes(body));
    }
  }

  private static void writeNow(Context ctx, byte[] bytes) {
    try {
      ctx.res().setContentLength(bytes.length);
      ctx.res().getOutputStream().write(bytes);
      ctx.res().flushBuffer();
    } catch (IOException e) {
      LOG.debug("the client left before its refusal was written: {}", e.getMessage());
    }
  }
}
