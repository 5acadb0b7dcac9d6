package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.augment.CsvUploader;
import io.cxengage.admin.error.BadRequestException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * Augments ({@code /tenants/{tenant}/augments}, also spelled {@code /augment} as in the original):
 * extra attributes merged into events (engine) or reaction contexts (notification), from an API or
 * from an uploaded CSV file ({@code .../{id}/file}).
 */
public final class AugmentRoutes {

  static final List<String> TYPES = List.of("file", "api");
  static final List<String> SERVICES = List.of("engine", "notification");

  static final DocumentSchema SCHEMA =
      new DocumentSchema("an augment")
          .required("name", DocumentSchema.Type.STRING)
          .required("type", DocumentSchema.Type.STRING)
          .required("service", DocumentSchema.Type.STRING)
          .optional("description", DocumentSchema.Type.STRING)
          .optional("augment-service", DocumentSchema.Type.STRING)
          .object(
              "options",
              new DocumentSchema("an augment's options")
                  .optional("url", DocumentSchema.Type.STRING)
                  .optional("attributes", DocumentSchema.Type.STRING_LIST))
          .ignoring("id");

  private final TenantDocuments augments;
  private final CsvUploader uploader;
  private final RequestBodies bodies;

  public AugmentRoutes(TenantDocuments augments, CsvUploader uploader, RequestBodies bodies) {
    this.augments = augments;
    this.uploader = uploader;
    this.bodies = bodies;
  }

  public void register(RouteTable table) {
    String base = "/tenants/{tenant}/augments";
    String alias = "/tenants/{tenant}/augment";
    table
        .add(HandlerType.GET, base)
        .alias(alias)
        .tag("augments")
        .summary("List the tenant's augments")
        .responds(200, "the augments")
        .handle(ctx -> Reply.ok(ctx, augments.views(augments.list(tenant(ctx)))));
    table
        .add(HandlerType.POST, base)
        .alias(alias)
        .tag("augments")
        .summary("Create an augment")
        .body(BodyKind.JSON)
        .responds(201, "the created augment with its id")
        .responds(400, "a missing or invalid field")
        .handle(this::create);
    table
        .add(HandlerType.GET, base + "/{id}")
        .alias(alias + "/{id}")
        .tag("augments")
        .summary("Read one augment")
        .responds(200, "the augment")
        .responds(404, "no such augment")
        .handle(ctx -> Reply.ok(ctx, augments.view(augments.get(tenant(ctx), id(ctx)))));
    table
        .add(HandlerType.PUT, base + "/{id}")
        .alias(alias + "/{id}")
        .tag("augments")
        .summary("Change some fields of an augment")
        .body(BodyKind.JSON)
        .responds(200, "the changed augment")
        .responds(400, "an unknown or invalid field")
        .responds(404, "no such augment")
        .handle(this::update);
    table
        .add(HandlerType.DELETE, base + "/{id}")
        .alias(alias + "/{id}")
        .tag("augments")
        .summary("Delete an augment and its uploaded rows")
        .responds(204, "deleted")
        .responds(404, "no such augment")
        .handle(this::delete);
  }

  private void create(Context ctx) {
    ObjectNode fields = SCHEMA.check(bodies.object(ctx), true);
    check(fields);
    Reply.created(ctx, augments.view(augments.create(tenant(ctx), fields)));
  }

  private void update(Context ctx) {
    ObjectNode changes = SCHEMA.check(bodies.object(ctx), false);
    ObjectNode updated =
        augments.update(
            tenant(ctx),
            id(ctx),
            changes,
            merged -> {
              check(merged);
              return merged;
            });
    Reply.ok(ctx, augments.view(updated));
  }

  private void delete(Context ctx) {
    String tenant = tenant(ctx);
    String id = id(ctx);
    augments.get(tenant, id);
    uploader.delete(tenant, id);
    augments.delete(tenant, id);
    Reply.noContent(ctx);
  }

  private static void check(ObjectNode augment) {
    oneOf(augment, "type", TYPES);
    oneOf(augment, "service", SERVICES);
    if (augment.hasNonNull("augment-service")) {
      oneOf(augment, "augment-service", SERVICES);
    }
  }

  private static void oneOf(ObjectNode document, String field, List<String> allowed) {
    String value = document.path(field).asText();
    if (!allowed.contains(value)) {
      throw new BadRequestException(
              "field '"
                  + field
                  + "' must be one of "
                  + String.join(", ", allowed)
                  + " (got '"
                  + value
                  + "')")
          .with("field", field);
    }
  }

  private static String tenant(Context ctx) {
    return ctx.pathParam("tenant");
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }
}
