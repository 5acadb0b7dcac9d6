package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.auth.Caller;
import io.cxengage.admin.auth.TokenIssuer;
import io.cxengage.admin.auth.User;
import io.cxengage.admin.auth.UserDirectory;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.error.ConflictException;
import io.cxengage.admin.error.NotFoundException;
import io.cxengage.admin.error.UnauthorizedException;
import io.cxengage.admin.error.UnsupportedMediaTypeException;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.admin.store.KeyLocks;
import io.cxengage.connectors.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authentication and accounts: the OAuth 2.0 client-credentials token endpoint, the caller's own
 * account, and the platform admin's user management.
 */
public final class AccountRoutes {

  static final DocumentSchema NEW_USER =
      new DocumentSchema("a user")
          .required("email", DocumentSchema.Type.STRING)
          .optional("name", DocumentSchema.Type.STRING)
          .optional("tenants", DocumentSchema.Type.STRING_LIST)
          .optional("admin", DocumentSchema.Type.BOOLEAN);

  static final DocumentSchema USER_CHANGE =
      new DocumentSchema("a user change")
          .optional("name", DocumentSchema.Type.STRING)
          .optional("tenants", DocumentSchema.Type.STRING_LIST)
          .optional("admin", DocumentSchema.Type.BOOLEAN)
          .ignoring("email");

  private final UserDirectory users;
  private final TokenIssuer tokens;
  private final ConfigLog log;
  private final KeyLocks locks;
  private final RequestBodies bodies;

  public AccountRoutes(
      UserDirectory users,
      TokenIssuer tokens,
      ConfigLog log,
      KeyLocks locks,
      RequestBodies bodies) {
    this.users = users;
    this.tokens = tokens;
    this.log = log;
    this.locks = locks;
    this.bodies = bodies;
  }

  public void register(RouteTable table) {
    table
        .add(HandlerType.POST, "/token")
        .tag("auth")
        .summary("OAuth 2.0 client credentials: Basic client_id:client_secret (or form fields)")
        .access(Access.PUBLIC)
        .body(BodyKind.FORM)
        .responds(200, "{\"access_token\", \"token_type\": \"bearer\", \"expires_in\"}")
        .responds(400, "grant_type is not client_credentials")
        .responds(401, "wrong credentials")
        .handle(this::token);
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
    table
        .add(HandlerType.POST, "/users")
        .tag("users")
        .summary("Create a user (platform admins); the client secret is shown once")
        .access(Access.ADMIN)
        .body(BodyKind.JSON)
        .responds(201, "{email, name, tenants, client-id, client-secret}")
        .responds(400, "a missing or invalid field, or an unknown tenant")
        .responds(409, "a user with this email exists")
        .handle(this::createUser);
    table
        .add(HandlerType.GET, "/users")
        .tag("users")
        .summary("List users (platform admins)")
        .access(Access.ADMIN)
        .responds(200, "[{email, name, tenants, client-id, admin}]")
        .handle(ctx -> Reply.ok(ctx, users.all().stream().map(AccountRoutes::shown).toList()));
    table
        .add(HandlerType.GET, "/users/{email}")
        .tag("users")
        .summary("Read a user (platform admins)")
        .access(Access.ADMIN)
        .responds(200, "{email, name, tenants, client-id, admin}")
        .responds(404, "no such user")
        .handle(ctx -> Reply.ok(ctx, shown(user(ctx.pathParam("email")))));
    table
        .add(HandlerType.PUT, "/users/{email}")
        .tag("users")
        .summary("Change a user's tenants, name or admin flag (platform admins)")
        .access(Access.ADMIN)
        .body(BodyKind.JSON)
        .responds(200, "the changed user")
        .responds(400, "an unknown field or tenant")
        .responds(404, "no such user")
        .handle(this::updateUser);
    table
        .add(HandlerType.DELETE, "/users/{email}")
        .tag("users")
        .summary("Revoke a user at once (platform admins)")
        .access(Access.ADMIN)
        .responds(204, "deleted")
        .responds(404, "no such user")
        .handle(this::deleteUser);
  }

  private void token(Context ctx) {
    String type = RequestBodies.mediaType(ctx);
    if (!type.isEmpty() && !type.equals("application/x-www-form-urlencoded")) {
      throw new UnsupportedMediaTypeException(
              "send the token request as application/x-www-form-urlencoded (got '" + type + "')")
          .with("content-type", type);
    }
    Map<String, String> form =
        form(new String(RequestBodies.read(ctx, 65536), StandardCharsets.UTF_8));
    String grant = form.get("grant_type");
    if (!"client_credentials".equals(grant)) {
      throw new BadRequestException(
              "grant_type must be client_credentials (got "
                  + (grant == null ? "none" : "'" + grant + "'")
                  + ")")
          .with("field", "grant_type");
    }
    String clientId = form.get("client_id");
    String secret = form.get("client_secret");
    Optional<String[]> basic = basic(ctx.header("Authorization"));
    if (basic.isPresent()) {
      clientId = basic.get()[0];
      secret = basic.get()[1];
    }
    if (clientId == null || secret == null) {
      throw new UnauthorizedException(
          "client credentials are required: 'Authorization: Basic base64(client_id:client_secret)'"
              + " or the form fields client_id and client_secret");
    }
    User user =
        users
            .authenticate(clientId, secret)
            .orElseThrow(() -> new UnauthorizedException("wrong client id or secret"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", tokens.issue(user.clientId()));
    answer.put("token_type", "bearer");
    answer.put("expires_in", tokens.lifetime().toSeconds());
    ctx.header("Cache-Control", "no-store");
    Reply.ok(ctx, answer);
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

  private void createUser(Context ctx) {
    ObjectNode fields = NEW_USER.check(bodies.object(ctx), true);
    String email = fields.get("email").asText().trim();
    if (!email.contains("@")) {
      throw new BadRequestException("field 'email' must be an email address")
          .with("field", "email");
    }
    List<String> tenants = tenants(fields);
    UserDirectory.Created created =
        locks.withLock(
            "user:" + email.toLowerCase(java.util.Locale.ROOT),
            () -> {
              if (users.byEmail(email).isPresent()) {
                throw new ConflictException("a user with email " + email + " exists")
                    .with("email", email);
              }
              return users.create(
                  email,
                  fields.path("name").asText(email),
                  tenants,
                  fields.path("admin").asBoolean(false));
            });
    ObjectNode answer = shown(created.user());
    answer.put("client-secret", created.clientSecret());
    ctx.header("Cache-Control", "no-store");
    Reply.created(ctx, answer);
  }

  private void updateUser(Context ctx) {
    ObjectNode changes = USER_CHANGE.check(bodies.object(ctx), false);
    String email = ctx.pathParam("email");
    User updated =
        locks.withLock(
            "user:" + email.toLowerCase(java.util.Locale.ROOT),
            () -> {
              User user = user(email);
              if (changes.hasNonNull("tenants")) {
                user = user.withTenants(tenants(changes));
              }
              if (changes.hasNonNull("name")) {
                user = user.withName(changes.get("name").asText());
              }
              if (changes.hasNonNull("admin")) {
                user = user.withAdmin(changes.get("admin").asBoolean());
              }
              users.save(user);
              return user;
            });
    Reply.ok(ctx, shown(updated));
  }

  private void deleteUser(Context ctx) {
    users.delete(user(ctx.pathParam("email")));
    Reply.noContent(ctx);
  }

  private User user(String email) {
    return users
        .byEmail(email)
        .orElseThrow(
            () -> new NotFoundException("no user with email " + email).with("email", email));
  }

  private List<String> tenants(ObjectNode fields) {
    List<String> tenants = new ArrayList<>();
    for (JsonNode tenant : fields.path("tenants")) {
      String id = tenant.asText();
      if (!log.view().tenantExists(id)) {
        log.sync();
        if (!log.view().tenantExists(id)) {
          throw new BadRequestException("tenant " + id + " does not exist; create it first")
              .with("field", "tenants");
        }
      }
      if (!tenants.contains(id)) {
        tenants.add(id);
      }
    }
    return tenants;
  }

  static ObjectNode shown(User user) {
    ObjectNode shown =
        Json.mapper()
            .createObjectNode()
            .put("email", user.email())
            .put("name", user.name())
            .put("client-id", user.clientId());
    var tenants = shown.putArray("tenants");
    user.tenants().forEach(tenants::add);
    shown.put("admin", user.admin());
    return shown;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        form.putIfAbsent(
            URLDecoder.decode(name.trim(), StandardCharsets.UTF_8),
            URLDecoder.decode(value.trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("the form body is not valid URL encoding");
      }
    }
    return form;
  }

  private static Optional<String[]> basic(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new UnauthorizedException("the Basic credentials must be client_id:client_secret");
      }
      // taken as sent: curl -u and most clients do not form-encode the parts (RFC 6749 2.3.1)
      return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    } catch (IllegalArgumentException e) {
      throw new UnauthorizedException("the Basic credentials are not valid base64");
    }
  }
}
