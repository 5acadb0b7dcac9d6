package io.cxengage.admin.http;

import io.cxengage.admin.auth.UserDirectory;
import io.cxengage.admin.error.UnauthorizedException;
import io.cxengage.admin.error.UpgradeRequiredException;
import io.cxengage.admin.stream.StreamMetrics;
import io.cxengage.admin.stream.StreamSettings;
import io.cxengage.admin.stream.StreamSocket;
import io.cxengage.admin.stream.TenantSockets;
import io.cxengage.admin.stream.TicketBook;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Generic Streaming Endpoint's socket ({@code GET /stream/{ticket}}): the ticket is redeemed
 * before the upgrade (401 with a JSON body when it is unknown, used, expired, from another IP
 * address, or its account has lost the tenant), then the socket joins its tenant's {@link
 * TenantSockets} until it closes. The socket only receives: a text or binary frame from the client
 * closes it with 1003.
 */
public final class StreamRoutes {

  private static final String GRANT = "cx.stream.grant";

  private final TicketBook tickets;
  private final UserDirectory users;
  private final TenantSockets sockets;
  private final StreamMetrics metrics;
  private final StreamSettings settings;
  private final Map<String, StreamSocket> bySession = new ConcurrentHashMap<>();

  public StreamRoutes(
      TicketBook tickets,
      UserDirectory users,
      TenantSockets sockets,
      StreamMetrics metrics,
      StreamSettings settings) {
    this.tickets = tickets;
    this.users = users;
    this.sockets = sockets;
    this.metrics = metrics;
    this.settings = settings;
  }

  public void register(RouteTable table) {
    table
        .add(HandlerType.GET, "/stream/{ticket}")
        .tag("stream")
        .summary(
            "Opens the tenant's receive-only WebSocket with a ticket: every generic message of the"
                + " tenant arrives as a text frame")
        .access(Access.PUBLIC)
        .responds(101, "switching to the WebSocket protocol")
        .responds(401, "the ticket is unknown, used, expired or from another IP address")
        .responds(426, "not a WebSocket upgrade request")
        .upgradesTo(new WebSocketEndpoint(this::redeem, this::socket))
        .handle(
            ctx -> {
              throw new UpgradeRequiredException(
                  "this path opens a WebSocket: connect to ws://<host>/1.0/stream/<ticket>");
            });
  }

  private void redeem(Context ctx) {
    TicketBook.Grant grant =
        tickets
            .redeem(ctx.pathParam("ticket"), ctx.req().getRemoteAddr())
            .orElseThrow(
                () ->
                    new UnauthorizedException(
                        "the stream ticket is unknown, used, expired or was requested from another"
                            + " IP address: get a new one from POST /1.0/tenants/<tenant>/ticket"));
    boolean stillAllowed =
        users.byClientId(grant.clientId()).map(u -> u.mayUse(grant.tenant())).orElse(false);
    if (!stillAllowed) {
      throw new UnauthorizedException(
          "the account that requested this ticket no longer has access to tenant "
              + grant.tenant());
    }
    ctx.attribute(GRANT, grant);
  }

  private void socket(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          TicketBook.Grant grant = ctx.attribute(GRANT);
          ctx.session.setIdleTimeout(settings.idleTimeout());
          StreamSocket socket =
              new StreamSocket(
                  grant.tenant(),
                  new JettyOutbound(ctx.session),
                  settings.queueLimit(),
                  metrics,
                  System.nanoTime());
          bySession.put(ctx.sessionId(), socket);
          sockets.add(socket);
        });
    ws.onMessage(ctx -> refuseData(ctx));
    ws.onBinaryMessage(ctx -> refuseData(ctx));
    ws.onClose(ctx -> forget(ctx));
    ws.onError(ctx -> forget(ctx));
  }

  private void refuseData(WsContext ctx) {
    StreamSocket socket = bySession.get(ctx.sessionId());
    if (socket != null) {
      sockets.remove(socket); // no more frames for it; onClose forgets the rest
      socket.close(StreamSocket.RECEIVE_ONLY, "this socket only receives");
    }
  }

  private void forget(WsContext ctx) {
    StreamSocket socket = bySession.remove(ctx.sessionId());
    if (socket != null) {
      socket.closed();
      sockets.remove(socket);
    }
  }
}
