package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.DslError;
import io.cxengage.dsl.PatternLanguage;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Patterns ({@code /tenants/{tenant}/patterns}) and their validation. A pattern whose status is
 * true must have a valid {@code when} and {@code then} (dsl.md), checked against the tenant's
 * templates; a disabled pattern may be a draft.
 */
public final class PatternRoutes {

  static final DocumentSchema SCHEMA =
      new DocumentSchema("a pattern")
          .required("name", DocumentSchema.Type.STRING)
          .optional("description", DocumentSchema.Type.STRING)
          .optional("status", DocumentSchema.Type.BOOLEAN)
          .optional("when", DocumentSchema.Type.STRING)
          .optional("then", DocumentSchema.Type.STRING)
          .ignoring("id");

  private static final DocumentSchema VALIDATE =
      new DocumentSchema("a pattern to validate")
          .optional("when", DocumentSchema.Type.STRING)
          .optional("then", DocumentSchema.Type.STRING)
          .ignoring("id", "name", "description", "status");

  private final TenantDocuments patterns;
  private final TenantDocuments templates;
  private final RequestBodies bodies;

  public PatternRoutes(TenantDocuments patterns, TenantDocuments templates, RequestBodies bodies) {
    this.patterns = patterns;
    this.templates = templates;
    this.bodies = bodies;
  }

  public void register(RouteTable table) {
    String base = "/tenants/{tenant}/patterns";
    table
        .add(HandlerType.GET, base)
        .tag("patterns")
        .summary("List the tenant's patterns")
        .responds(200, "the patterns")
        .handle(ctx -> Reply.ok(ctx, patterns.views(patterns.list(tenant(ctx)))));
    table
        .add(HandlerType.POST, base)
        .tag("patterns")
        .summary("Create a pattern")
        .body(BodyKind.JSON)
        .responds(201, "the created pattern with its id")
        .responds(400, "a missing or invalid field, or a pattern that does not validate")
        .handle(this::create);
    table
        .add(HandlerType.POST, base + "/validate")
        .tag("patterns")
        .summary("Validate a when and a then without saving them")
        .body(BodyKind.JSON)
        .responds(200, "{\"valid\": true}")
        .responds(400, "{\"error\", \"errors\": [{field, line, column, message}]}")
        .handle(this::validate);
    table
        .add(HandlerType.GET, base + "/{id}")
        .tag("patterns")
        .summary("Read one pattern")
        .responds(200, "the pattern")
        .responds(404, "no such pattern")
        .handle(ctx -> Reply.ok(ctx, patterns.view(patterns.get(tenant(ctx), id(ctx)))));
    table
        .add(HandlerType.PUT, base + "/{id}")
        .tag("patterns")
        .summary("Change some fields of a pattern")
        .body(BodyKind.JSON)
        .responds(200, "the changed pattern")
        .responds(400, "an unknown or invalid field, or a pattern that does not validate")
        .responds(404, "no such pattern")
        .handle(this::update);
    table
        .add(HandlerType.DELETE, base + "/{id}")
        .tag("patterns")
        .summary("Delete a pattern; its matching stops at once")
        .responds(204, "deleted")
        .responds(404, "no such pattern")
        .handle(
            ctx -> {
              patterns.delete(tenant(ctx), id(ctx));
              Reply.noContent(ctx);
            });
  }

  private void create(Context ctx) {
    String tenant = tenant(ctx);
    ObjectNode fields = SCHEMA.check(bodies.object(ctx), true);
    if (!fields.has("status")) {
      fields.put("status", false);
    }
    check(tenant, fields);
    Reply.created(ctx, patterns.view(patterns.create(tenant, fields)));
  }

  private void update(Context ctx) {
    String tenant = tenant(ctx);
    ObjectNode changes = SCHEMA.check(bodies.object(ctx), false);
    ObjectNode updated =
        patterns.update(
            tenant,
            id(ctx),
            changes,
            merged -> {
              check(tenant, merged);
              return merged;
            });
    Reply.ok(ctx, patterns.view(updated));
  }

  private void validate(Context ctx) {
    String tenant = tenant(ctx);
    ObjectNode body = VALIDATE.check(bodies.object(ctx), false);
    if (!body.hasNonNull("when") && !body.hasNonNull("then")) {
      throw new BadRequestException("give a 'when', a 'then' or both to validate")
          .with("field", "when");
    }
    List<DslError> errors = new ArrayList<>();
    if (body.hasNonNull("when")) {
      errors.addAll(PatternLanguage.checkWhen(body.get("when").asText()).errors());
    }
    if (body.hasNonNull("then")) {
      errors.addAll(
          PatternLanguage.checkThen(body.get("then").asText(), templateIds(tenant)).errors());
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    Reply.ok(ctx, Map.of("valid", true));
  }

  /** Refuses an enabled pattern that lacks a half or does not validate. */
  void check(String tenant, ObjectNode pattern) {
    if (!pattern.path("status").asBoolean(false)) {
      return;
    }
    for (String half : List.of("when", "then")) {
      if (!pattern.hasNonNull(half) || pattern.get(half).asText().isBlank()) {
        throw new BadRequestException(
                "field '" + half + "' is required when status is true (an enabled pattern)")
            .with("field", half);
      }
    }
    List<DslError> errors =
        PatternLanguage.validate(
            pattern.get("when").asText(), pattern.get("then").asText(), templateIds(tenant));
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
  }

  Set<String> templateIds(String tenant) {
    return templates.list(tenant).stream()
        .map(t -> t.path("id").asText())
        .collect(Collectors.toSet());
  }

  static BadRequestException invalid(List<DslError> errors) {
    List<ObjectNode> listed =
        errors.stream()
            .map(
                e ->
                    Json.mapper()
                        .createObjectNode()
                        .put("field", e.field())
                        .put("line", e.line())
                        .put("column", e.column())
                        .put("message", e.message()))
            .toList();
    return new BadRequestException("the pattern is not valid: " + errors.get(0))
        .with("errors", listed);
  }

  static String tenant(Context ctx) {
    return ctx.pathParam("tenant");
  }

  static String id(Context ctx) {
    return ctx.pathParam("id");
  }
}
