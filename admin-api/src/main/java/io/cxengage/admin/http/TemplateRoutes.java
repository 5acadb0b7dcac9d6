package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.admin.error.ConflictException;
import io.cxengage.dsl.PatternLanguage;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.StringReader;
import java.util.List;

/**
 * Templates ({@code /tenants/{tenant}/templates}): Mustache texts that patterns use as {@code
 * +TMn}. A template that does not parse is refused; one that a valid pattern uses cannot be
 * deleted.
 */
public final class TemplateRoutes {

  static final DocumentSchema SCHEMA =
      new DocumentSchema("a template")
          .required("name", DocumentSchema.Type.STRING)
          .optional("description", DocumentSchema.Type.STRING)
          .optional("template", DocumentSchema.Type.STRING)
          .ignoring("id");

  private final TenantDocuments templates;
  private final TenantDocuments patterns;
  private final RequestBodies bodies;

  public TemplateRoutes(TenantDocuments templates, TenantDocuments patterns, RequestBodies bodies) {
    this.templates = templates;
    this.patterns = patterns;
    this.bodies = bodies;
  }

  public void register(RouteTable table) {
    String base = "/tenants/{tenant}/templates";
    table
        .add(HandlerType.GET, base)
        .tag("templates")
        .summary("List the tenant's templates")
        .responds(200, "the templates")
        .handle(ctx -> Reply.ok(ctx, templates.views(templates.list(tenant(ctx)))));
    table
        .add(HandlerType.POST, base)
        .tag("templates")
        .summary("Create a template")
        .body(BodyKind.JSON)
        .responds(201, "the created template with its id")
        .responds(400, "a missing field, or a template that does not parse")
        .handle(this::create);
    table
        .add(HandlerType.GET, base + "/{id}")
        .tag("templates")
        .summary("Read one template")
        .responds(200, "the template")
        .responds(404, "no such template")
        .handle(ctx -> Reply.ok(ctx, templates.view(templates.get(tenant(ctx), id(ctx)))));
    table
        .add(HandlerType.PUT, base + "/{id}")
        .tag("templates")
        .summary("Change some fields of a template")
        .body(BodyKind.JSON)
        .responds(200, "the changed template")
        .responds(400, "an unknown field, or a template that does not parse")
        .responds(404, "no such template")
        .handle(this::update);
    table
        .add(HandlerType.DELETE, base + "/{id}")
        .tag("templates")
        .summary("Delete a template that no valid pattern uses")
        .responds(204, "deleted")
        .responds(404, "no such template")
        .responds(409, "a valid pattern uses the template")
        .handle(this::delete);
  }

  private void create(Context ctx) {
    ObjectNode fields = SCHEMA.check(bodies.object(ctx), true);
    parse(fields);
    Reply.created(ctx, templates.view(templates.create(tenant(ctx), fields)));
  }

  private void update(Context ctx) {
    ObjectNode changes = SCHEMA.check(bodies.object(ctx), false);
    parse(changes);
    Reply.ok(ctx, templates.view(templates.update(tenant(ctx), id(ctx), changes, t -> t)));
  }

  private void delete(Context ctx) {
    String tenant = tenant(ctx);
    String id = id(ctx);
    templates.get(tenant, id);
    java.util.Set<String> ids = new java.util.HashSet<>();
    templates.list(tenant).forEach(t -> ids.add(t.path("id").asText()));
    List<String> users =
        patterns.list(tenant).stream()
            .filter(p -> PatternLanguage.templateReferences(p.path("then").asText("")).contains(id))
            .filter(p -> valid(p, ids))
            .map(p -> p.path("id").asText())
            .toList();
    if (!users.isEmpty()) {
      throw new ConflictException(
              "template "
                  + id
                  + " is used by the valid pattern(s) "
                  + String.join(", ", users)
                  + "; change or delete them first")
          .with("patterns", users);
    }
    templates.delete(tenant, id);
    Reply.noContent(ctx);
  }

  private static boolean valid(ObjectNode pattern, java.util.Set<String> templateIds) {
    if (!pattern.hasNonNull("when") || !pattern.hasNonNull("then")) {
      return false;
    }
    return PatternLanguage.validate(
            pattern.get("when").asText(), pattern.get("then").asText(), templateIds)
        .isEmpty();
  }

  /** Refuses a template text that Mustache cannot compile. */
  static void parse(ObjectNode fields) {
    if (!fields.hasNonNull("template")) {
      return;
    }
    try {
      new DefaultMustacheFactory().compile(new StringReader(fields.get("template").asText()), "t");
    } catch (MustacheException e) {
      throw new BadRequestException("the template does not parse: " + e.getMessage())
          .with("field", "template");
    }
  }

  private static String tenant(Context ctx) {
    return ctx.pathParam("tenant");
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }
}
