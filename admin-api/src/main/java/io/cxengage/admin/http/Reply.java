package io.cxengage.admin.http;

import io.cxengage.connectors.json.Json;
import io.javalin.http.Context;

/** Writes JSON answers, always with the project's one JSON configuration. */
public final class Reply {

  private Reply() {}

  public static void json(Context ctx, int status, Object body) {
    ctx.status(status);
    ctx.contentType("application/json");
    ctx.result(Json.writeBytes(body));
  }

  public static void ok(Context ctx, Object body) {
    json(ctx, 200, body);
  }

  public static void created(Context ctx, Object body) {
    json(ctx, 201, body);
  }

  public static void noContent(Context ctx) {
    ctx.status(204);
  }
}
