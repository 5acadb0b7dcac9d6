package io.cxengage.admin.http;

import io.cxengage.admin.auth.Caller;
import io.cxengage.admin.auth.TokenIssuer;
import io.cxengage.admin.auth.User;
import io.cxengage.admin.auth.UserDirectory;
import io.cxengage.admin.error.ForbiddenException;
import io.cxengage.admin.error.NotFoundException;
import io.cxengage.admin.error.UnauthorizedException;
import io.cxengage.admin.store.ConfigLog;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Checks every request against its route's {@link Access} before the handler runs: a valid bearer
 * token of an existing account (401), admin rights or access to the path's tenant (403), and that
 * tenant's existence (404). Checked on every request, so a revoked account or a removed tenant is
 * refused at once.
 */
public final class Guard {

  private static final String CALLER = "cx.caller";

  /** The header in which a system calling a listener's webhook presents the listener's secret. */
  public static final String LISTENER_SECRET = "X-Listener-Secret";

  private final TokenIssuer tokens;
  private final UserDirectory users;
  private final ConfigLog log;

  public Guard(TokenIssuer tokens, UserDirectory users, ConfigLog log) {
    this.tokens = tokens;
    this.users = users;
    this.log = log;
  }

  public Handler wrap(Route route) {
    Handler handler = route.handler();
    return switch (route.access()) {
      case PUBLIC -> handler;
      case ACCOUNT ->
          ctx -> {
            authenticate(ctx);
            handler.handle(ctx);
          };
      case ADMIN ->
          ctx -> {
            if (!authenticate(ctx).admin()) {
              throw new ForbiddenException("this call is for platform admins only");
            }
            handler.handle(ctx);
          };
      case TENANT ->
          ctx -> {
            authorizeTenant(ctx);
            handler.handle(ctx);
          };
      case TENANT_OR_LISTENER_SECRET ->
          ctx -> {
            if (ctx.header(LISTENER_SECRET) == null) {
              authorizeTenant(ctx);
            } else {
              requireTenant(ctx.pathParam("tenant"));
            }
            handler.handle(ctx);
          };
    };
  }

  private void authorizeTenant(Context ctx) {
    Caller caller = authenticate(ctx);
    String tenant = ctx.pathParam("tenant");
    if (!caller.mayUse(tenant)) {
      throw new ForbiddenException("this account has no access to tenant " + tenant)
          .with("tenant", tenant);
    }
    requireTenant(tenant);
  }

  /** Whether a bearer token authorised the request (rather than a listener's secret). */
  public static boolean hasCaller(Context ctx) {
    return ctx.attribute(CALLER) != null;
  }

  /** The caller of a request that passed the guard. */
  public static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new IllegalStateException("no caller: the route is public");
    }
    return caller;
  }

  private void requireTenant(String tenant) {
    if (!TenantRoutes.TENANT_ID.matcher(tenant).matches()) {
      throw new NotFoundException("tenant " + tenant + " does not exist").with("tenant", tenant);
    }
    if (!log.view().tenantExists(tenant)) {
      log.sync();
      if (!log.view().tenantExists(tenant)) {
        throw new NotFoundException("tenant " + tenant + " does not exist").with("tenant", tenant);
      }
    }
  }

  private Caller authenticate(Context ctx) {
    String token =
        TokenIssuer.bearer(ctx.header("Authorization"))
            .orElseThrow(
                () ->
                    new UnauthorizedException(
                        "a bearer token is required: get one from POST /1.0/token and send it as"
                            + " 'Authorization: Bearer <token>'"));
    TokenIssuer.Verdict verdict = tokens.verify(token);
    if (verdict instanceof TokenIssuer.Verdict.Expired) {
      throw new UnauthorizedException("the token has expired: get a new one from POST /1.0/token");
    }
    if (!(verdict instanceof TokenIssuer.Verdict.Valid valid)) {
      throw new UnauthorizedException("the bearer token is not valid");
    }
    String clientId = valid.clientId();
    User user =
        users
            .byClientId(clientId)
            .orElseThrow(
                () -> new UnauthorizedException("the account of this token no longer exists"));
    Caller caller = new Caller(user);
    ctx.attribute(CALLER, caller);
    return caller;
  }
}
