package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.error.ConflictException;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.admin.store.KeyLocks;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.regex.Pattern;

/** Tenants ({@code /tenants}, admin) and a tenant's own document and key attribute. */
public final class TenantRoutes {

  /** Tenant ids: a letter or digit, then letters, digits, '.', '_' or '-'; at most 64. */
  static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  static final DocumentSchema SCHEMA =
      new DocumentSchema("a tenant")
          .required("id", DocumentSchema.Type.STRING)
          .required("name", DocumentSchema.Type.STRING)
          .optional("events-per-second", DocumentSchema.Type.INTEGER);

  static final DocumentSchema KEY_ATTRIBUTE =
      new DocumentSchema("the key attribute").required("key", DocumentSchema.Type.STRING);

  private final ConfigLog log;
  private final KeyLocks locks;
  private final RequestBodies bodies;

  public TenantRoutes(ConfigLog log, KeyLocks locks, RequestBodies bodies) {
    this.log = log;
    this.locks = locks;
    this.bodies = bodies;
  }

  public void register(RouteTable table) {
    table
        .add(HandlerType.POST, "/tenants")
        .tag("tenants")
        .summary("Create a tenant (platform admins)")
        .access(Access.ADMIN)
        .body(BodyKind.JSON)
        .responds(201, "{id, name}")
        .responds(400, "a missing or invalid field")
        .responds(409, "the tenant exists")
        .handle(this::create);
    table
        .add(HandlerType.GET, "/tenants")
        .tag("tenants")
        .summary("List every tenant (platform admins)")
        .access(Access.ADMIN)
        .responds(200, "[{id, name}]")
        .handle(
            ctx -> Reply.ok(ctx, log.view().tenants().stream().map(TenantRoutes::shown).toList()));
    table
        .add(HandlerType.GET, "/tenants/{tenant}")
        .tag("tenants")
        .summary("Read a tenant")
        .responds(200, "{id, name}")
        .handle(
            ctx ->
                Reply.ok(
                    ctx,
                    shown(
                        log.view().get(ConfigKey.tenant(ctx.pathParam("tenant"))).orElseThrow())));
    table
        .add(HandlerType.GET, "/tenants/{tenant}/key-attribute")
        .tag("tenants")
        .summary("Read the tenant's key attribute (id unless set)")
        .responds(200, "{\"key\": \"id\"}")
        .handle(ctx -> Reply.ok(ctx, Map.of("key", keyAttribute(ctx.pathParam("tenant")))));
    table
        .add(HandlerType.POST, "/tenants/{tenant}/key-attribute")
        .tag("tenants")
        .summary("Set the tenant's key attribute")
        .body(BodyKind.JSON)
        .responds(200, "{\"key\": \"...\"}")
        .responds(400, "no key")
        .handle(this::setKeyAttribute);
  }

  private void create(Context ctx) {
    ObjectNode fields = SCHEMA.check(bodies.object(ctx), true);
    String id = fields.get("id").asText();
    if (!TENANT_ID.matcher(id).matches()) {
      throw new BadRequestException(
              "field 'id' must start with a letter or digit and hold only letters, digits, '.',"
                  + " '_' or '-' (at most 64)")
          .with("field", "id");
    }
    if (fields.has("events-per-second") && fields.get("events-per-second").asLong() < 1) {
      throw new BadRequestException("field 'events-per-second' must be at least 1")
          .with("field", "events-per-second");
    }
    ConfigKey key = ConfigKey.tenant(id);
    ObjectNode document =
        locks.withLock(
            key.toString(),
            () -> {
              log.sync();
              if (log.view().tenantExists(id)) {
                throw new ConflictException("tenant " + id + " exists").with("id", id);
              }
              ObjectNode created = fields.deepCopy().put("version", 1L);
              log.put(key, created);
              return created;
            });
    Reply.created(ctx, shown(document));
  }

  private void setKeyAttribute(Context ctx) {
    String tenant = ctx.pathParam("tenant");
    ObjectNode fields = KEY_ATTRIBUTE.check(bodies.object(ctx), true);
    ConfigKey key = ConfigKey.keyAttribute(tenant);
    locks.withLock(
        key.toString(),
        () -> {
          long version = log.view().get(key).map(k -> k.path("version").asLong(0)).orElse(0L);
          log.put(key, fields.deepCopy().put("version", version + 1));
          return null;
        });
    Reply.ok(ctx, Map.of("key", fields.get("key").asText()));
  }

  private String keyAttribute(String tenant) {
    return log.view()
        .get(ConfigKey.keyAttribute(tenant))
        .map(k -> k.path("key").asText(""))
        .filter(k -> !k.isEmpty())
        .orElse(KeyAttributeDocument.DEFAULT_KEY);
  }

  static ObjectNode shown(ObjectNode tenant) {
    ObjectNode shown = tenant.deepCopy();
    shown.remove("version");
    return shown;
  }

  static ObjectNode tenantSummary(ObjectNode tenant) {
    return Json.mapper()
        .createObjectNode()
        .put("id", tenant.path("id").asText())
        .put("name", tenant.path("name").asText());
  }
}
