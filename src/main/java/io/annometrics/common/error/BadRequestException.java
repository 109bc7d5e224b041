package io.annometrics.common.error;

import io.smallrye.graphql.api.ErrorCode;

/** An argument is invalid; the message names it. */
@ErrorCode("BAD_REQUEST")
public class BadRequestException extends AnnometricsException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
