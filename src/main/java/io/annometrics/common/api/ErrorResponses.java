package io.annometrics.common.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.annometrics.common.error.AnnometricsException;
import io.annometrics.common.error.BadRequestException;
import io.annometrics.common.error.ForbiddenException;
import io.annometrics.common.error.InternalException;
import io.annometrics.common.error.NotFoundException;
import io.annometrics.common.error.UnauthenticatedException;

/**
 * Errors of the REST endpoints: the same code vocabulary as GraphQL, as {@code {"code", "message"}}
 * with the matching HTTP status; never a stack trace or a class name.
 */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    /** The body of an error answer. */
    public record ErrorBody(String code, String message) {
    }

    @ServerExceptionMapper
    public Response domain(AnnometricsException e) {
        int status;
        String code;
        if (e instanceof BadRequestException) {
            status = 400;
            code = "BAD_REQUEST";
        } else if (e instanceof UnauthenticatedException) {
            status = 401;
            code = "UNAUTHENTICATED";
        } else if (e instanceof ForbiddenException) {
            status = 403;
            code = "FORBIDDEN";
        } else if (e instanceof NotFoundException) {
            status = 404;
            code = "NOT_FOUND";
        } else {
            status = e instanceof InternalException ? 503 : 500;
            code = "INTERNAL";
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(code, e.getMessage())).build();
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            default -> status >= 500 ? "INTERNAL" : "BAD_REQUEST";
        };
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException web) {
            Response original = web.getResponse();
            int status = original.getStatus();
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody(codeOf(status), original.getStatusInfo().getReasonPhrase())).build();
        }
        LOG.error("Unexpected failure of a REST request", e);
        return Response.status(500).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("INTERNAL", "The service could not complete the request.")).build();
    }
}
