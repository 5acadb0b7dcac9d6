package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.error.NotFoundException;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.admin.store.KeyLocks;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.secrets.SecretCipher;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Integrations ({@code /tenants/{tenant}/integrations/{type}}): a tenant's credentials for one
 * external service, its id being its type. Secret fields are encrypted in the log and answered as
 * {@value IntegrationFields#MASK}, except in the answer to the request that set them. {@code echo}
 * and {@code generic} need no credentials and are always listed.
 */
public final class IntegrationRoutes {

  private static final Set<String> ALWAYS_PRESENT = Set.of("echo", "generic");

  private final ConfigLog log;
  private final KeyLocks locks;
  private final SecretCipher cipher;
  private final RequestBodies bodies;

  public IntegrationRoutes(
      ConfigLog log, KeyLocks locks, SecretCipher cipher, RequestBodies bodies) {
    this.log = log;
    this.locks = locks;
    this.cipher = cipher;
    this.bodies = bodies;
  }

  public void register(RouteTable table) {
    String base = "/tenants/{tenant}/integrations";
    table
        .add(HandlerType.GET, base)
        .tag("integrations")
        .summary("List the configured integrations (echo and generic always)")
        .responds(200, "the integrations, secrets masked")
        .handle(this::list);
    table
        .add(HandlerType.GET, base + "/{type}")
        .tag("integrations")
        .summary("Read one integration, secrets masked")
        .responds(200, "the integration")
        .responds(404, "not configured")
        .handle(this::read);
    table
        .add(HandlerType.POST, base + "/{type}")
        .tag("integrations")
        .summary("Configure an integration (replaces its credentials)")
        .body(BodyKind.JSON)
        .responds(201, "the integration as stored, secrets shown this once")
        .responds(400, "an unknown or invalid field")
        .responds(404, "no such integration type")
        .handle(this::create);
    table
        .add(HandlerType.PUT, base + "/{type}")
        .tag("integrations")
        .summary("Change some credentials of an integration")
        .body(BodyKind.JSON)
        .responds(200, "the integration, secrets given in this request shown, others masked")
        .responds(400, "an unknown or invalid field")
        .responds(404, "not configured")
        .handle(this::update);
    table
        .add(HandlerType.DELETE, base + "/{type}")
        .tag("integrations")
        .summary("Remove an integration's credentials")
        .responds(204, "deleted")
        .responds(404, "not configured")
        .handle(this::delete);
  }

  /** Registers the original's spelling {@code POST /tenants/{tenant}/{type}}; must go last. */
  public void registerCreateAlias(RouteTable table) {
    table
        .add(HandlerType.POST, "/tenants/{tenant}/{type}")
        .tag("integrations")
        .summary(
            "Configure an integration (the original's spelling of POST .../integrations/{type})")
        .body(BodyKind.JSON)
        .responds(201, "the integration as stored, secrets shown this once")
        .responds(400, "an unknown or invalid field")
        .responds(404, "no such integration type")
        .handle(this::create);
  }

  private void list(Context ctx) {
    String tenant = ctx.pathParam("tenant");
    List<ObjectNode> shown = new ArrayList<>();
    List<String> configured = new ArrayList<>();
    for (ObjectNode stored : log.view().list(tenant, ConfigKind.INTEGRATION)) {
      shown.add(IntegrationFields.masked(stored, Set.of()));
      configured.add(stored.path("id").asText());
    }
    for (String type : List.of("echo", "generic")) {
      if (!configured.contains(type)) {
        shown.add(Json.mapper().createObjectNode().put("id", type).put("type", type));
      }
    }
    Reply.ok(ctx, shown);
  }

  private void read(Context ctx) {
    String type = type(ctx);
    Reply.ok(ctx, IntegrationFields.masked(stored(ctx.pathParam("tenant"), type), Set.of()));
  }

  private void create(Context ctx) {
    String tenant = ctx.pathParam("tenant");
    String type = type(ctx);
    ObjectNode fields = IntegrationFields.check(type, bodies.object(ctx));
    ObjectNode document = Json.mapper().createObjectNode().put("id", type).put("type", type);
    fields
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isNull()) {
                document.set(e.getKey(), e.getValue());
              }
            });
    ConfigKey key = ConfigKey.of(tenant, ConfigKind.INTEGRATION, type);
    locks.withLock(
        key.toString(),
        () -> {
          long version =
              log.view().get(key).map(previous -> previous.path("version").asLong(0)).orElse(0L);
          log.put(key, IntegrationFields.encrypted(cipher, document).put("version", version + 1));
          return null;
        });
    Reply.created(ctx, document);
  }

  private void update(Context ctx) {
    String tenant = ctx.pathParam("tenant");
    String type = type(ctx);
    ObjectNode changes = IntegrationFields.check(type, bodies.object(ctx));
    ConfigKey key = ConfigKey.of(tenant, ConfigKind.INTEGRATION, type);
    ObjectNode updated =
        locks.withLock(
            key.toString(),
            () -> {
              ObjectNode document = stored(tenant, type).deepCopy();
              changes
                  .fields()
                  .forEachRemaining(
                      e -> {
                        if (e.getValue().isNull()) {
                          document.remove(e.getKey());
                        } else {
                          document.set(e.getKey(), e.getValue());
                        }
                      });
              document.put("version", document.path("version").asLong(0) + 1);
              log.put(key, IntegrationFields.encrypted(cipher, document));
              return document;
            });
    Set<String> given = new java.util.HashSet<>();
    changes.fieldNames().forEachRemaining(given::add);
    Reply.ok(ctx, IntegrationFields.masked(updated, given));
  }

  private void delete(Context ctx) {
    String tenant = ctx.pathParam("tenant");
    String type = type(ctx);
    ConfigKey key = ConfigKey.of(tenant, ConfigKind.INTEGRATION, type);
    if (log.view().get(key).isEmpty()) {
      log.sync();
      if (log.view().get(key).isEmpty()) {
        throw notConfigured(tenant, type);
      }
    }
    log.delete(key);
    Reply.noContent(ctx);
  }

  private ObjectNode stored(String tenant, String type) {
    ConfigKey key = ConfigKey.of(tenant, ConfigKind.INTEGRATION, type);
    var found = log.view().get(key);
    if (found.isEmpty()) {
      log.sync();
      found = log.view().get(key);
    }
    if (found.isPresent()) {
      return found.get();
    }
    if (ALWAYS_PRESENT.contains(type)) {
      return Json.mapper().createObjectNode().put("id", type).put("type", type);
    }
    throw notConfigured(tenant, type);
  }

  private static NotFoundException notConfigured(String tenant, String type) {
    return new NotFoundException(
            "integration " + type + " is not configured in tenant " + tenant + "; POST it first")
        .with("id", type);
  }

  private static String type(Context ctx) {
    String type = ctx.pathParam("type");
    if (!IntegrationFields.isType(type)) {
      throw new NotFoundException(
              "no integration type '"
                  + type
                  + "'; the types are "
                  + String.join(", ", IntegrationFields.FIELDS.keySet()))
          .with("id", type);
    }
    return type;
  }
}
