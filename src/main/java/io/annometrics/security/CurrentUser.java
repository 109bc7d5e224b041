package io.annometrics.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.annometrics.common.error.UnauthenticatedException;
import io.annometrics.config.AnnometricsConfig;
import io.quarkus.security.identity.SecurityIdentity;

/** The caller of the current request, as the SSO token names them. */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    @Inject
    AnnometricsConfig config;

    /** The user's identifier (the token's principal claim). */
    public String name() {
        if (identity.isAnonymous()) {
            throw new UnauthenticatedException("A valid bearer token is required.");
        }
        return identity.getPrincipal().getName();
    }

    /** Whether the token carries the global administrator role. */
    public boolean isAdmin() {
        return !identity.isAnonymous() && identity.hasRole(config.security().adminRole());
    }
}
