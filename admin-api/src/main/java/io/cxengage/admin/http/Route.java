package io.cxengage.admin.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation of the API: the server registers it and the OpenAPI document describes it, both
 * from this one record, so the two cannot drift apart.
 *
 * @param path the canonical path without the {@code /1.0} prefix, e.g. {@code
 *     /tenants/{tenant}/patterns}
 * @param aliases other spellings of the path (the original's {@code /augment})
 * @param versioned whether the path is served under {@code /1.0} as well as without it
 * @param responses the statuses the route answers with, and what each means
 * @param webSocket for a route that upgrades to a WebSocket: the check before the upgrade and the
 *     socket's handlers; the route's own handler answers requests that are not upgrades
 */
public record Route(
    HandlerType method,
    String path,
    List<String> aliases,
    boolean versioned,
    String tag,
    String summary,
    Access access,
    BodyKind body,
    Map<Integer, String> responses,
    Handler handler,
    Optional<WebSocketEndpoint> webSocket) {

  public static final String VERSION_PREFIX = "/1.0";

  /** Every path the server answers this operation on. */
  public List<String> servedPaths() {
    List<String> paths = new ArrayList<>();
    List<String> spellings = new ArrayList<>();
    spellings.add(path);
    spellings.addAll(aliases);
    for (String spelling : spellings) {
      if (versioned) {
        paths.add(VERSION_PREFIX + spelling);
      }
      paths.add(spelling);
    }
    return paths;
  }
}
