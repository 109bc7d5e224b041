package io.annometrics.event.api;

import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.annometrics.event.model.BulkReport;
import io.annometrics.event.service.IngestionService;

/**
 * Bulk recording for producers and imports: {@code POST /api/v1/events} with one event per line
 * (NDJSON, the fields of GraphQL's EventInput). The body is streamed: memory stays flat whatever its
 * size. Same rules as RecordEvents; the answer counts every line and lists the rejected ones.
 */
@Path("/api/v1/events")
public class BulkEventsResource {

    /** Media type of newline-delimited JSON. */
    public static final String NDJSON = "application/x-ndjson";

    @Inject
    IngestionService ingestion;

    @POST
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    public BulkReport upload(InputStream body) {
        return ingestion.recordStream(body);
    }
}
