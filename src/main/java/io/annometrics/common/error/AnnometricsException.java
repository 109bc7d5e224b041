package io.annometrics.common.error;

/**
 * Base of every error that Annometrics reports to a client on purpose. Its message is written for a
 * person and reaches the client; each subclass carries one code of the small vocabulary below in
 * {@code extensions.code}. Any other exception is answered with a generic message and no detail.
 *
 * <ul>
 * <li>{@code NOT_FOUND}: the thing does not exist, or the caller may not know that it exists.</li>
 * <li>{@code BAD_REQUEST}: an argument is invalid; the message names it.</li>
 * <li>{@code FORBIDDEN}: the caller is known to the project but lacks the role.</li>
 * <li>{@code UNAUTHENTICATED}: no usable identity.</li>
 * <li>{@code INTERNAL}: the service could not do it; the message says whether a retry is safe.</li>
 * </ul>
 */
public abstract class AnnometricsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected AnnometricsException(String message) {
        super(message, null, false, false);
    }

    protected AnnometricsException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
