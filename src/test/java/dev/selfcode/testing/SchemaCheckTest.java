package dev.selfcode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The schema check that FakeGitHubShapesTest relies on finds what is wrong, on a small made-up description. */
class SchemaCheckTest {

    private static final String DOCUMENT = """
            {"paths": {"/things": {"post": {"operationId": "things/create", "responses": {"201": {"content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/thing"}}}}}}}},
             "components": {"schemas": {
               "thing": {"type": "object", "required": ["id", "owner", "state", "tags"], "properties": {
                 "id": {"type": "integer"},
                 "owner": {"allOf": [{"$ref": "#/components/schemas/user"}], "nullable": true},
                 "state": {"type": "string", "enum": ["open", "closed"]},
                 "tags": {"type": "array", "items": {"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/user"}]}}}},
               "user": {"type": "object", "required": ["login"], "properties": {"login": {"type": "string"}}}}}}
            """;

    private final SchemaCheck check;
    private final JsonNode schema;

    SchemaCheckTest() throws IOException {
        check = new SchemaCheck(Json.MAPPER.readTree(DOCUMENT));
        schema = check.responseSchema("things/create", 201);
    }

    private java.util.List<String> problems(String json) throws IOException {
        return check.problems(schema, Json.MAPPER.readTree(json), "$");
    }

    @Test
    void acceptsAFittingAnswerWithNullWhereNullable() throws IOException {
        assertThat(problems("{\"id\": 1, \"owner\": null, \"state\": \"open\", \"tags\": [\"a\", {\"login\": \"x\"}]}"))
                .isEmpty();
    }

    @Test
    void reportsMissingRequiredPropertiesWrongTypesUnknownEnumValuesAndNestedMisses() throws IOException {
        assertThat(problems("{\"id\": \"1\", \"owner\": {}, \"state\": \"merged\", \"tags\": [{\"name\": 1}]}"))
                .containsExactlyInAnyOrder(
                        "$.id: expected integer but was STRING \"1\"",
                        "$.owner.login: required but missing",
                        "$.state: \"merged\" is not one of [\"open\",\"closed\"]",
                        "$.tags[0].login: required but missing");
        assertThat(problems("{\"owner\": null}")).containsExactlyInAnyOrder("$.id: required but missing",
                "$.state: required but missing", "$.tags: required but missing");
    }
}
