package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.auth.SecretHasher;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;

/**
 * Listeners ({@code /tenants/{tenant}/listeners}): salesforce, datasift and generic (webhook)
 * sources of events, with the mapping from their records to event attributes. The type-specific
 * fields sit at the top level as in the original; an {@code options} object is accepted on input
 * and flattened. A generic listener gets a secret, answered once on creation and stored hashed.
 */
public final class ListenerRoutes {

  static final List<String> TYPES = List.of("salesforce", "datasift", "generic");
  private static final Map<String, List<String>> TYPE_FIELDS =
      Map.of("salesforce", List.of("topic", "version"), "datasift", List.of("hash"));

  static final DocumentSchema SCHEMA =
      new DocumentSchema("a listener")
          .required("name", DocumentSchema.Type.STRING)
          .required("type", DocumentSchema.Type.STRING)
          .optional("status", DocumentSchema.Type.BOOLEAN)
          .required("mapping", DocumentSchema.Type.STRING_MAP)
          .optional("topic", DocumentSchema.Type.STRING)
          .optional("version", DocumentSchema.Type.STRING)
          .optional("hash", DocumentSchema.Type.STRING)
          .optional("description", DocumentSchema.Type.STRING)
          .ignoring("id");

  private final TenantDocuments listeners;
  private final ConfigLog log;
  private final SecretHasher hasher;
  private final RequestBodies bodies;

  public ListenerRoutes(
      TenantDocuments listeners, ConfigLog log, SecretHasher hasher, RequestBodies bodies) {
    this.listeners = listeners;
    this.log = log;
    this.hasher = hasher;
    this.bodies = bodies;
  }

  public void register(RouteTable table) {
    String base = "/tenants/{tenant}/listeners";
    table
        .add(HandlerType.GET, base)
        .tag("listeners")
        .summary("List the tenant's listeners")
        .responds(200, "the listeners")
        .handle(ctx -> Reply.ok(ctx, listeners.views(listeners.list(tenant(ctx)))));
    table
        .add(HandlerType.POST, base)
        .tag("listeners")
        .summary("Create a listener (a generic one answers its webhook secret once)")
        .body(BodyKind.JSON)
        .responds(201, "the created listener with its id")
        .responds(400, "a missing or invalid field")
        .handle(this::create);
    table
        .add(HandlerType.GET, base + "/{id}")
        .tag("listeners")
        .summary("Read one listener")
        .responds(200, "the listener")
        .responds(404, "no such listener")
        .handle(ctx -> Reply.ok(ctx, listeners.view(listeners.get(tenant(ctx), id(ctx)))));
    table
        .add(HandlerType.PUT, base + "/{id}")
        .tag("listeners")
        .summary("Change some fields of a listener")
        .body(BodyKind.JSON)
        .responds(200, "the changed listener")
        .responds(400, "an unknown or invalid field")
        .responds(404, "no such listener")
        .handle(this::update);
    table
        .add(HandlerType.DELETE, base + "/{id}")
        .tag("listeners")
        .summary("Delete a listener")
        .responds(204, "deleted")
        .responds(404, "no such listener")
        .handle(
            ctx -> {
              listeners.delete(tenant(ctx), id(ctx));
              Reply.noContent(ctx);
            });
    table
        .add(HandlerType.GET, base + "/{id}/status")
        .tag("listeners")
        .summary("The listener's running state as its runner last reported it")
        .responds(200, "{\"status\": \"started\" | \"stopped\" | \"failed\", \"message\"}")
        .responds(404, "no such listener")
        .handle(this::status);
  }

  private void create(Context ctx) {
    ObjectNode fields = SCHEMA.check(flatten(bodies.object(ctx)), true);
    if (!fields.has("status")) {
      fields.put("status", false);
    }
    check(fields);
    String secret = null;
    if (fields.get("type").asText().equals("generic")) {
      secret = SecretHasher.newSecret();
      fields.put("secret-hash", hasher.hash(secret));
    }
    ObjectNode shown = listeners.view(listeners.create(tenant(ctx), fields));
    if (secret != null) {
      shown.put("secret", secret);
    }
    Reply.created(ctx, shown);
  }

  private void update(Context ctx) {
    ObjectNode changes = SCHEMA.check(flatten(bodies.object(ctx)), false);
    ObjectNode updated =
        listeners.update(
            tenant(ctx),
            id(ctx),
            changes,
            merged -> {
              check(merged);
              return merged;
            });
    Reply.ok(ctx, listeners.view(updated));
  }

  private void status(Context ctx) {
    String tenant = tenant(ctx);
    String id = id(ctx);
    listeners.get(tenant, id);
    ObjectNode status =
        log.view()
            .get(ConfigKey.of(tenant, ConfigKind.LISTENER_STATUS, id))
            .map(ObjectNode::deepCopy)
            .orElseGet(
                () ->
                    Json.mapper()
                        .createObjectNode()
                        .put("status", "stopped")
                        .put("message", "no listener runner has reported yet"));
    status.remove("version");
    Reply.ok(ctx, status);
  }

  /** Type must be known, and type-specific fields must belong to it. */
  private static void check(ObjectNode listener) {
    String type = listener.get("type").asText();
    if (!TYPES.contains(type)) {
      throw new BadRequestException(
              "field 'type' must be one of " + String.join(", ", TYPES) + " (got '" + type + "')")
          .with("field", "type");
    }
    TYPE_FIELDS.forEach(
        (owner, fields) -> {
          for (String field : fields) {
            if (!owner.equals(type) && listener.hasNonNull(field)) {
              throw new BadRequestException(
                      "field '" + field + "' is for " + owner + " listeners, not " + type)
                  .with("field", field);
            }
          }
        });
  }

  /** Moves the fields of an {@code options} object to the top level. */
  private static ObjectNode flatten(ObjectNode body) {
    JsonNode options = body.remove("options");
    if (options == null || options.isNull()) {
      return body;
    }
    if (!options.isObject()) {
      throw new BadRequestException("field 'options' must be an object").with("field", "options");
    }
    options.fields().forEachRemaining(e -> body.putIfAbsent(e.getKey(), e.getValue()));
    return body;
  }

  private static String tenant(Context ctx) {
    return ctx.pathParam("tenant");
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }
}
