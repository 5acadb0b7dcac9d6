package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.auth.Caller;
import io.cxengage.admin.auth.User;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.connectors.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The caller's own account ({@code /account}) and the tenants it may use. */
public final class AccountRoutes {

  private final ConfigLog log;

  public AccountRoutes(ConfigLog log) {
    this.log = log;
  }

  public void register(RouteTable table) {
    table
        .add(HandlerType.GET, "/account")
        .tag("auth")
        .summary("The caller's account")
        .access(Access.ACCOUNT)
        .responds(200, "{email, name, client-id, tenants}")
        .handle(ctx -> Reply.ok(ctx, account(Guard.caller(ctx))));
    table
        .add(HandlerType.GET, "/account/tenants")
        .tag("auth")
        .summary("The tenants the caller may use")
        .access(Access.ACCOUNT)
        .responds(200, "{\"tenants\": [{id, name}]}")
        .handle(this::accountTenants);
  }

  private void accountTenants(Context ctx) {
    Caller caller = Guard.caller(ctx);
    List<ObjectNode> tenants = new ArrayList<>();
    for (ObjectNode tenant : log.view().tenants()) {
      if (caller.mayUse(tenant.path("id").asText())) {
        tenants.add(TenantRoutes.tenantSummary(tenant));
      }
    }
    Reply.ok(ctx, Map.of("tenants", tenants));
  }

  private ObjectNode account(Caller caller) {
    User user = caller.user();
    ObjectNode account =
        Json.mapper()
            .createObjectNode()
            .put("email", user.email())
            .put("name", user.name())
            .put("client-id", user.clientId());
    var tenants = account.putArray("tenants");
    if (user.admin()) {
      log.view().tenants().forEach(t -> tenants.add(t.path("id").asText()));
      account.put("admin", true);
    } else {
      user.tenants().forEach(tenants::add);
    }
    return account;
  }
}
