package io.annometrics.schema;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.language.Description;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The SDL served at /graphql/schema.graphql is what front-end teams read and generate code from:
 * every type, field, argument and enum value carries a description, and lists are non-null lists of
 * non-null items.
 */
@QuarkusTest
class SchemaDocumentationTest {

    private static TypeDefinitionRegistry schema() {
        String sdl = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        return new SchemaParser().parse(sdl);
    }

    @Test
    void everyElementIsDescribed() {
        List<String> undocumented = new ArrayList<>();
        for (TypeDefinition<?> type : schema().types().values()) {
            String name = type.getName();
            if (name.startsWith("__")) {
                continue;
            }
            if (!(type instanceof ObjectTypeDefinition object && (name.equals("Query") || name.equals("Mutation")))) {
                check(descriptionOf(type), name, undocumented);
            }
            if (type instanceof ObjectTypeDefinition object) {
                for (FieldDefinition field : object.getFieldDefinitions()) {
                    check(field.getDescription(), name + "." + field.getName(), undocumented);
                    for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                        check(argument.getDescription(), name + "." + field.getName() + "(" + argument.getName() + ")", undocumented);
                    }
                }
            } else if (type instanceof InputObjectTypeDefinition input) {
                input.getInputValueDefinitions().forEach(f -> check(f.getDescription(), name + "." + f.getName(), undocumented));
            } else if (type instanceof EnumTypeDefinition enumType) {
                enumType.getEnumValueDefinitions().forEach(v -> check(v.getDescription(), name + "." + v.getName(), undocumented));
            }
        }
        assertEquals(List.of(), undocumented, "schema elements without a description");
    }

    @Test
    void theContractsTypesAreNamedAsTheContractSays() {
        TypeDefinitionRegistry schema = schema();
        for (String name : List.of("EventInput", "MetricsFilter", "ProjectRole")) {
            assertTrue(schema.getType(name).isPresent(), name);
        }
        InputObjectTypeDefinition filter = (InputObjectTypeDefinition) schema.getType("MetricsFilter").orElseThrow();
        assertEquals("ID!", typeOf(filter, "projectId"));
        assertEquals("Date", typeOf(filter, "from"));
        assertEquals("Date", typeOf(filter, "to"));
        assertEquals("String", typeOf(filter, "timeZone"));
        assertEquals("[String!]", typeOf(filter, "users"), "optional list");
    }

    private static String typeOf(InputObjectTypeDefinition input, String field) {
        InputValueDefinition definition = input.getInputValueDefinitions().stream()
                .filter(f -> f.getName().equals(field)).findFirst().orElseThrow();
        return graphql.language.AstPrinter.printAst(definition.getType());
    }

    private static Description descriptionOf(TypeDefinition<?> type) {
        if (type instanceof ObjectTypeDefinition t) {
            return t.getDescription();
        } else if (type instanceof InputObjectTypeDefinition t) {
            return t.getDescription();
        } else if (type instanceof EnumTypeDefinition t) {
            return t.getDescription();
        } else if (type instanceof ScalarTypeDefinition t) {
            return t.getDescription();
        }
        return null;
    }

    private static void check(Description description, String element, List<String> undocumented) {
        if (description == null || description.getContent() == null || description.getContent().isBlank()) {
            undocumented.add(element);
        }
    }
}
