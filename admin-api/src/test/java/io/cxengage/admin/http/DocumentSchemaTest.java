package io.cxengage.admin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.connectors.json.Json;
import org.junit.jupiter.api.Test;

class DocumentSchemaTest {

  private final DocumentSchema schema =
      new DocumentSchema("a thing")
          .required("name", DocumentSchema.Type.STRING)
          .optional("on", DocumentSchema.Type.BOOLEAN)
          .optional("tags", DocumentSchema.Type.STRING_LIST)
          .object(
              "options", new DocumentSchema("options").optional("url", DocumentSchema.Type.STRING))
          .ignoring("id");

  @Test
  void keepsKnownFieldsAndDropsIgnoredOnes() {
    assertThat(schema.check(object("{\"id\": \"X1\", \"name\": \"n\", \"on\": true}"), true))
        .isEqualTo(Json.tree("{\"name\": \"n\", \"on\": true}"));
  }

  @Test
  void namesTheFieldOfEveryProblem() {
    assertRefused("{\"on\": true}", true, "name", "field 'name' is required in a thing");
    assertRefused("{\"name\": \" \"}", true, "name", "field 'name' must not be empty");
    assertRefused("{\"name\": \"n\", \"on\": 1}", true, "on", "field 'on' must be true or false");
    assertRefused(
        "{\"name\": \"n\", \"tags\": [1]}",
        true,
        "tags",
        "field 'tags' must be an array of strings");
    assertRefused(
        "{\"colour\": 1}",
        false,
        "colour",
        "unknown field 'colour' in a thing; its fields are: name, on, tags, options");
    assertRefused(
        "{\"options\": {\"port\": 1}}",
        false,
        "options.port",
        "unknown field 'options.port' in options; its fields are: url");
    assertRefused("{\"name\": null}", false, "name", "field 'name' is required and cannot be null");
  }

  @Test
  void anUpdateMayClearAnOptionalField() {
    assertThat(schema.check(object("{\"on\": null}"), false))
        .isEqualTo(Json.tree("{\"on\": null}"));
  }

  private void assertRefused(String body, boolean create, String field, String message) {
    assertThatThrownBy(() -> schema.check(object(body), create))
        .isInstanceOf(BadRequestException.class)
        .hasMessage(message)
        .satisfies(
            e -> assertThat(((BadRequestException) e).details()).containsEntry("field", field));
  }

  private static ObjectNode object(String json) {
    return (ObjectNode) Json.tree(json);
  }
}
