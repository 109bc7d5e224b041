package io.annometrics.common.error;

import io.smallrye.graphql.api.ErrorCode;

/** The service could not complete the operation; the message says whether a retry is safe. */
@ErrorCode("INTERNAL")
public class InternalException extends AnnometricsException {

    private static final long serialVersionUID = 1L;

    public InternalException(String message) {
        super(message);
    }

    public InternalException(String message, Throwable cause) {
        super(message, cause);
    }
}
