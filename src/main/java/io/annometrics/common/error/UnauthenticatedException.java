package io.annometrics.common.error;

import io.smallrye.graphql.api.ErrorCode;

/** The request carries no usable identity. */
@ErrorCode("UNAUTHENTICATED")
public class UnauthenticatedException extends AnnometricsException {

    private static final long serialVersionUID = 1L;

    public UnauthenticatedException(String message) {
        super(message);
    }
}
