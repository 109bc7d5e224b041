package io.annometrics.common.http;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.annometrics.config.AnnometricsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP side of {@code /graphql}, per the GraphQL-over-HTTP specification, in front of SmallRye
 * GraphQL: POST bodies must be JSON and no larger than the configured limit; GET may carry queries
 * only (a mutation by GET is 405); a document may use only so many aliases; a client that accepts
 * {@code application/graphql-response+json} gets 400 for a document that cannot be parsed or
 * validated. Refusals answer a GraphQL error document with {@code extensions.code} and no detail of
 * the implementation.
 */
@ApplicationScoped
public class GraphQLHttpGuard {

    private static final String PATH = "/graphql";
    private static final JsonFactory JSON = new JsonFactory();

    /** The media type of the GraphQL-over-HTTP specification, under which failures get 4xx statuses. */
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    @Inject
    AnnometricsConfig config;

    @Inject
    Instance<GraphQLSchema> schema;

    void register(@Observes Router router) {
        int maxBody = config.graphql().maxBodyBytes();
        router.route(PATH).order(-10).handler(BodyHandler.create(false).setBodyLimit(maxBody).setHandleFileUploads(false));
        router.route(PATH).order(-9).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpMethod method = context.request().method();
        String query;
        if (method == HttpMethod.POST) {
            String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (type == null || !type.toLowerCase().startsWith("application/json")) {
                refuse(context, 415, "BAD_REQUEST", "A GraphQL request by POST must have the media type application/json.");
                return;
            }
            PostBody body = PostBody.of(context.body().buffer());
            if (!body.isJsonObject()) {
                refuse(context, 400, "BAD_REQUEST", "The request body is not a JSON object.");
                return;
            }
            query = body.query();
        } else if (method == HttpMethod.GET) {
            query = context.request().getParam("query");
        } else {
            context.response().putHeader(HttpHeaders.ALLOW, "GET, POST");
            refuse(context, 405, "BAD_REQUEST", "Use GET for queries or POST.");
            return;
        }
        if (query != null && !inspect(context, query, method == HttpMethod.GET)) {
            return;
        }
        context.next();
    }

    /**
     * What the guard needs of a POST body: whether it is one JSON object, and its top-level
     * {@code query} string (null when there is none).
     */
    record PostBody(boolean isJsonObject, String query) {

        private static final PostBody NOT_AN_OBJECT = new PostBody(false, null);

        /**
         * Streams over the body: a batch of events in the variables is tokenised and skipped, never built
         * into maps (SmallRye reads the body again to execute it).
         */
        static PostBody of(Buffer body) {
            if (body == null) {
                return NOT_AN_OBJECT;
            }
            try (JsonParser parser = JSON.createParser(body.getBytes())) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return NOT_AN_OBJECT;
                }
                String query = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("query".equals(name)) {
                        query = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    } else {
                        parser.skipChildren();
                    }
                }
                return parser.nextToken() == null ? new PostBody(true, query) : NOT_AN_OBJECT;
            } catch (IOException e) {
                return NOT_AN_OBJECT;
            }
        }
    }

    /** Checks what the document asks for; false after refusing the request. */
    private boolean inspect(RoutingContext context, String query, boolean byGet) {
        boolean strict = acceptsGraphQLResponse(context);
        Document document;
        try {
            document = Parser.parse(query);
        } catch (RuntimeException e) {
            if (strict) {
                refuse(context, 400, "BAD_REQUEST", "The GraphQL document could not be parsed: " + firstLine(e.getMessage()));
                return false;
            }
            return true; // under application/json, SmallRye answers the syntax error with status 200
        }
        if (byGet) {
            String operationName = context.request().getParam("operationName");
            boolean mutation = document.getDefinitionsOfType(OperationDefinition.class).stream()
                    .filter(o -> operationName == null || operationName.equals(o.getName()))
                    .anyMatch(o -> o.getOperation() != OperationDefinition.Operation.QUERY);
            if (mutation) {
                context.response().putHeader(HttpHeaders.ALLOW, "POST");
                refuse(context, 405, "BAD_REQUEST", "Mutations must be sent by POST.");
                return false;
            }
        }
        if (strict && schema.isResolvable()) {
            List<ValidationError> errors = new Validator().validateDocument(schema.get(), document, Locale.ENGLISH);
            if (!errors.isEmpty()) {
                refuse(context, 400, "BAD_REQUEST", errors.get(0).getMessage());
                return false;
            }
        }
        int aliases = countAliases(document);
        int max = config.graphql().maxAliases();
        if (aliases > max) {
            refuse(context, 400, "BAD_REQUEST", "The document uses " + aliases + " aliases; at most " + max + " are allowed.");
            return false;
        }
        return true;
    }

    /** Whether the client asked for the specification's media type (it then gets 4xx for requests that cannot run). */
    private static boolean acceptsGraphQLResponse(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(GRAPHQL_RESPONSE);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static int countAliases(Document document) {
        int[] count = { 0 };
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            public TraversalControl visitField(Field field, TraverserContext<Node> context) {
                if (field.getAlias() != null) {
                    count[0]++;
                }
                return TraversalControl.CONTINUE;
            }
        }, document);
        return count[0];
    }

    private static void refuse(RoutingContext context, int status, String code, String message) {
        JsonObject error = new JsonObject().put("message", message).put("extensions", new JsonObject().put("code", code));
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, acceptsGraphQLResponse(context) ? GRAPHQL_RESPONSE : "application/json")
                .end(new JsonObject().put("errors", new JsonArray(List.of(error))).encode());
    }
}
