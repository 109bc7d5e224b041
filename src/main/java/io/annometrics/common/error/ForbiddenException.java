package io.annometrics.common.error;

import io.smallrye.graphql.api.ErrorCode;

/** The caller is a member of the project but lacks the role the operation needs. */
@ErrorCode("FORBIDDEN")
public class ForbiddenException extends AnnometricsException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }
}
