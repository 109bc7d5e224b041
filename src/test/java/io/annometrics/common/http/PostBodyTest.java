package io.annometrics.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.annometrics.common.http.GraphQLHttpGuard.PostBody;
import io.vertx.core.buffer.Buffer;

class PostBodyTest {

    @Test
    void findsTheQueryWhereverItIsAndSkipsTheVariables() {
        assertEquals(new PostBody(true, "{ projects { id } }"), of("{\"query\": \"{ projects { id } }\"}"));
        assertEquals(new PostBody(true, "mutation M { x }"),
                of("{\"variables\": {\"events\": [{\"id\": \"e1\", \"query\": \"not this one\"}]}, \"query\": \"mutation M { x }\"}"));
        assertEquals(new PostBody(true, null), of("{\"operationName\": \"M\"}"));
        assertEquals(new PostBody(true, null), of("{\"query\": 42}"), "a query that is not a string is SmallRye's to refuse");
    }

    @Test
    void anythingButOneJsonObjectIsRefused() {
        assertEquals(false, of("[{\"query\": \"{ a }\"}]").isJsonObject());
        assertEquals(false, of("{\"query\": \"{ a }\"").isJsonObject());
        assertEquals(false, of("{\"query\": \"{ a }\"} {}").isJsonObject());
        assertEquals(false, of("").isJsonObject());
        assertEquals(false, PostBody.of(null).isJsonObject());
    }

    private static PostBody of(String json) {
        return PostBody.of(Buffer.buffer(json));
    }
}
