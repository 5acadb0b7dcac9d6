package io.cxengage.admin.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.util.List;

/**
 * The HTTP server: Javalin on Jetty 12 with every route of a {@link RouteTable}, each behind the
 * {@link Guard} and timed into {@link HttpMetrics}, and {@link ErrorMapping} for every error (also
 * for a refused WebSocket upgrade). A route with a {@link WebSocketEndpoint} is served as a
 * WebSocket on upgrade requests and by its handler otherwise.
 */
public final class ApiServer implements AutoCloseable {

  private static final String ROUTE = "cx.route";
  private static final String STARTED = "cx.started";

  private final Javalin app;

  private ApiServer(Javalin app) {
    this.app = app;
  }

  /** Starts the server on {@code host:port} (0 picks a free port). */
  public static ApiServer start(
      String host, int port, RouteTable table, Guard guard, HttpMetrics metrics) {
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = host;
              config.jetty.port = port;
              config.router.ignoreTrailingSlashes = true;
              config.router.treatMultipleSlashesAsSingleSlash = true;
              config.http.generateEtags = false;
              // Javalin puts its servlet context inside a handler the server already has
              config.jetty.modifyServer(
                  server -> {
                    server.setHandler(new UnsafeUriRefusal());
                    server.setErrorHandler(new UnsafeUriRefusal.Errors());
                  });
              // The API keeps no HTTP sessions, but Javalin opens one for every WebSocket upgrade
              // (to copy its attributes) and Jetty's default keeps a session forever: let them go.
              config.jetty.modifyServletContextHandler(
                  handler -> handler.getSessionHandler().setMaxInactiveInterval(60));
              ErrorMapping.install(config.routes);
              config.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
              config.routes.after(
                  ctx -> {
                    RequestBodies.discardUnread(ctx);
                    Long started = ctx.attribute(STARTED);
                    String route = ctx.attribute(ROUTE);
                    metrics.observe(
                        route == null ? "unmatched" : route,
                        ctx.method().name(),
                        ctx.statusCode(),
                        started == null ? 0 : System.nanoTime() - started);
                  });
              for (Route route : table.routes()) {
                Handler guarded = guard.wrap(route);
                Handler named =
                    ctx -> {
                      ctx.attribute(ROUTE, route.path());
                      guarded.handle(ctx);
                    };
                for (String path : route.servedPaths()) {
                  config.routes.addHttpHandler(route.method(), path, named);
                  route
                      .webSocket()
                      .ifPresent(
                          ws -> {
                            config.routes.wsBeforeUpgrade(path, ws.beforeUpgrade());
                            config.routes.ws(path, ws.socket());
                          });
                }
              }
            });
    app.start();
    return new ApiServer(app);
  }

  public int port() {
    return app.port();
  }

  /** The (method, path) pairs the server routes, for checking the OpenAPI document. */
  public List<String> servedOperations() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(p -> p.endpoint)
        .filter(e -> e.method.isHttpMethod())
        .map(e -> e.method.name() + " " + e.path)
        .toList();
  }

  @Override
  public void close() {
    app.stop();
  }
}
