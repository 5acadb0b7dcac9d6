package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.auth.User;
import io.cxengage.admin.auth.UserDirectory;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.error.ConflictException;
import io.cxengage.admin.error.NotFoundException;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.admin.store.KeyLocks;
import io.cxengage.connectors.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform admin's user management ({@code /users}): create (the client secret is answered
 * once), change tenants, name or admin flag, and revoke at once.
 */
public final class UserRoutes {

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
  private final ConfigLog log;
  private final KeyLocks locks;
  private final RequestBodies bodies;

  public UserRoutes(UserDirectory users, ConfigLog log, KeyLocks locks, RequestBodies bodies) {
    this.users = users;
    this.log = log;
    this.locks = locks;
    this.bodies = bodies;
  }

  public void register(RouteTable table) {
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
        .handle(ctx -> Reply.ok(ctx, users.all().stream().map(UserRoutes::shown).toList()));
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
      if (!TenantRoutes.TENANT_ID.matcher(id).matches() || !log.view().tenantExists(id)) {
        log.sync();
        if (!TenantRoutes.TENANT_ID.matcher(id).matches() || !log.view().tenantExists(id)) {
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
}
