package io.annometrics.common.error;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.Logger;

/** Turns unexpected failures into {@code INTERNAL} errors that reveal nothing of the implementation. */
@ErrorBoundary
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class ErrorBoundaryInterceptor {

    private static final Logger LOG = Logger.getLogger(ErrorBoundaryInterceptor.class);

    @AroundInvoke
    Object translate(InvocationContext context) throws Exception {
        try {
            return context.proceed();
        } catch (AnnometricsException e) {
            throw e;
        } catch (Exception e) {
            LOG.errorf(e, "%s.%s failed", context.getMethod().getDeclaringClass().getSimpleName(), context.getMethod().getName());
            throw new InternalException("The service could not complete the request. Try again; if it keeps failing, contact the operators.");
        }
    }
}
