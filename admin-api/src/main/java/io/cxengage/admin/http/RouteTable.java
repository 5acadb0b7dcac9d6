package io.cxengage.admin.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of the server, in registration order (the first matching route answers, so the
 * catch-all {@code POST /tenants/{tenant}/{type}} goes last). Built by the resource classes through
 * {@link #add}.
 */
public final class RouteTable {

  private final List<Route> routes = new ArrayList<>();

  public List<Route> routes() {
    return Collections.unmodifiableList(routes);
  }

  /** Starts a route under {@code /1.0} (and without it). */
  public Builder add(HandlerType method, String path) {
    return new Builder(method, path, true);
  }

  /** Starts a route served only at exactly this path (health, metrics). */
  public Builder addUnversioned(HandlerType method, String path) {
    return new Builder(method, path, false);
  }

  /** Collects the parts of one route. */
  public final class Builder {
    private final HandlerType method;
    private final String path;
    private final boolean versioned;
    private final List<String> aliases = new ArrayList<>();
    private final Map<Integer, String> responses = new LinkedHashMap<>();
    private String tag = "";
    private String summary = "";
    private Access access = Access.TENANT;
    private BodyKind body = BodyKind.NONE;
    private WebSocketEndpoint webSocket;

    private Builder(HandlerType method, String path, boolean versioned) {
      this.method = method;
      this.path = path;
      this.versioned = versioned;
    }

    public Builder alias(String spelling) {
      aliases.add(spelling);
      return this;
    }

    public Builder tag(String value) {
      tag = value;
      return this;
    }

    public Builder summary(String value) {
      summary = value;
      return this;
    }

    public Builder access(Access value) {
      access = value;
      return this;
    }

    public Builder body(BodyKind value) {
      body = value;
      return this;
    }

    /** Makes the route a WebSocket: upgrade requests go to {@code endpoint}. */
    public Builder upgradesTo(WebSocketEndpoint endpoint) {
      webSocket = endpoint;
      return this;
    }

    public Builder responds(int status, String meaning) {
      responses.put(status, meaning);
      return this;
    }

    public void handle(Handler handler) {
      routes.add(
          new Route(
              method,
              path,
              List.copyOf(aliases),
              versioned,
              tag,
              summary,
              access,
              body,
              Collections.unmodifiableMap(new LinkedHashMap<>(responses)),
              handler,
              Optional.ofNullable(webSocket)));
    }
  }
}
