package io.annometrics.common.error;

import io.smallrye.graphql.api.ErrorCode;

/** The thing asked for does not exist, or the caller may not know that it does. */
@ErrorCode("NOT_FOUND")
public class NotFoundException extends AnnometricsException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
