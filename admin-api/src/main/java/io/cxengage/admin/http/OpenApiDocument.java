package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 description of the server, built from the same {@link RouteTable} the server
 * registers: every served path (aliases and the spellings without {@code /1.0} included) with its
 * method, parameters, body and answers.
 */
public final class OpenApiDocument {

  private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

  private OpenApiDocument() {}

  public static ObjectNode build(RouteTable table, String version) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("openapi", "3.0.3");
    root.putObject("info")
        .put("title", "CxEngage admin API")
        .put("version", version)
        .put(
            "description",
            "The CxEngage 1.0 REST surface. Every path is also served without its /1.0 prefix.");
    ObjectNode components = root.putObject("components");
    ObjectNode schemes = components.putObject("securitySchemes");
    schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
    schemes.putObject("basic").put("type", "http").put("scheme", "basic");
    schemes
        .putObject("listenerSecret")
        .put("type", "apiKey")
        .put("in", "header")
        .put("name", Guard.LISTENER_SECRET);
    ObjectNode error = components.putObject("schemas").putObject("Error").put("type", "object");
    error.putArray("required").add("error");
    error.putObject("properties").putObject("error").put("type", "string");
    Map<String, ObjectNode> paths = new TreeMap<>();
    for (Route route : table.routes()) {
      for (String path : route.servedPaths()) {
        ObjectNode item = paths.computeIfAbsent(path, p -> Json.mapper().createObjectNode());
        item.set(route.method().name().toLowerCase(java.util.Locale.ROOT), operation(route, path));
      }
    }
    ObjectNode pathsNode = root.putObject("paths");
    paths.forEach(pathsNode::set);
    return root;
  }

  private static ObjectNode operation(Route route, String path) {
    ObjectNode op = Json.mapper().createObjectNode();
    op.putArray("tags").add(route.tag().isEmpty() ? "operations" : route.tag());
    op.put("summary", route.summary());
    op.put(
        "operationId",
        route.method().name().toLowerCase(java.util.Locale.ROOT)
            + path.replaceAll("[^A-Za-z0-9]+", "_"));
    ArrayNode parameters = op.putArray("parameters");
    Matcher m = PARAMETER.matcher(path);
    while (m.find()) {
      ObjectNode parameter = parameters.addObject();
      parameter.put("name", m.group(1)).put("in", "path").put("required", true);
      parameter.putObject("schema").put("type", "string");
    }
    if (route.body() != BodyKind.NONE) {
      ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
      for (String type : route.body().contentTypes()) {
        content.putObject(type).putObject("schema").put("type", schemaType(type));
      }
    }
    switch (route.access()) {
      case PUBLIC -> op.putArray("security");
      case ACCOUNT, ADMIN, TENANT -> op.putArray("security").addObject().putArray("bearer");
      case TENANT_OR_LISTENER_SECRET -> {
        ArrayNode either = op.putArray("security");
        either.addObject().putArray("bearer");
        either.addObject().putArray("listenerSecret");
      }
    }
    boolean tenantScoped =
        route.access() == Access.TENANT || route.access() == Access.TENANT_OR_LISTENER_SECRET;
    ObjectNode responses = op.putObject("responses");
    route.responses().forEach((status, meaning) -> response(responses, status, meaning));
    if (route.access() != Access.PUBLIC) {
      response(responses, 401, "no, an invalid or an expired token");
    }
    if (route.access() == Access.ADMIN || tenantScoped) {
      response(
          responses,
          403,
          route.access() == Access.ADMIN ? "not a platform admin" : "no access to the tenant");
    }
    if (tenantScoped) {
      response(responses, 404, route.responses().getOrDefault(404, "no such tenant"));
    }
    if (route.body() == BodyKind.JSON) {
      response(responses, 413, "the body is larger than the limit");
      response(responses, 415, "the body is not JSON");
    }
    return op;
  }

  private static void response(ObjectNode responses, int status, String meaning) {
    String key = Integer.toString(status);
    if (responses.has(key)) {
      return;
    }
    ObjectNode response = responses.putObject(key).put("description", meaning);
    if (status >= 400) {
      response
          .putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("$ref", "#/components/schemas/Error");
    }
  }

  private static String schemaType(String contentType) {
    return contentType.contains("json") || contentType.contains("form") ? "object" : "string";
  }
}
