package io.cxengage.admin.http;

import io.cxengage.admin.stream.TicketBook;
import io.javalin.http.HandlerType;
import java.util.Map;

/** Stream tickets for the GSE WebSocket ({@code POST /tenants/{tenant}/ticket}). */
public final class TicketRoutes {

  private final TicketBook tickets;

  public TicketRoutes(TicketBook tickets) {
    this.tickets = tickets;
  }

  public void register(RouteTable table) {
    table
        .add(HandlerType.POST, "/tenants/{tenant}/ticket")
        .tag("stream")
        .summary("A single-use ticket to open the tenant's stream within 2 minutes, from this IP")
        .responds(200, "{\"ticket\": \"<uuid>\"}")
        .handle(
            ctx -> {
              String ticket =
                  tickets.issue(
                      ctx.pathParam("tenant"),
                      Guard.caller(ctx).clientId(),
                      ctx.req().getRemoteAddr());
              ctx.header("Cache-Control", "no-store");
              Reply.ok(ctx, Map.of("ticket", ticket));
            });
  }
}
