package io.annometrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The settings of Annometrics itself, under the prefix {@code annometrics}. Each can be set by an
 * environment variable: {@code annometrics.security.admin-role} is {@code ANNOMETRICS_SECURITY_ADMIN_ROLE}.
 */
@ConfigMapping(prefix = "annometrics")
public interface AnnometricsConfig {

    /** Who may do what. */
    Security security();

    /** Event recording. */
    Ingestion ingestion();

    /** The metrics views. */
    Metrics metrics();

    /** Limits of the GraphQL endpoint against abuse. */
    Graphql graphql();

    interface Graphql {
        /** Largest request body of POST /graphql, in bytes. */
        @WithDefault("8388608")
        int maxBodyBytes();

        /** Most aliases one GraphQL document may use. */
        @WithDefault("30")
        int maxAliases();
    }

    interface Security {
        /** Role, read from the token by the OIDC role-claim settings, that makes a global administrator. */
        @WithDefault("annometrics-admin")
        String adminRole();

        /**
         * Token claim that names the user: the identifier that events carry as actor and author. Applied
         * to the OIDC settings as {@code quarkus.oidc.token.principal-claim}.
         */
        @WithDefault("preferred_username")
        String principalClaim();
    }

    interface Ingestion {
        /** Largest number of events that one RecordEvents call may carry. */
        @WithDefault("5000")
        int maxBatchSize();

        /**
         * Events of an NDJSON upload stored per transaction: larger batches amortise the aggregate
         * updates, which grow with the distinct buckets touched rather than with the events.
         */
        @WithDefault("20000")
        int bulkBatchSize();

        /**
         * Batches of one NDJSON upload written at the same time, each in its own transaction and on its
         * own database connection, while the next batch is read. 1 writes them one after the other.
         */
        @WithDefault("2")
        int bulkWriters();

        /**
         * A RecordEvents batch with at least this many events to store is cut into {@code bulk-writers}
         * parts, written at the same time, each in its own transaction; smaller batches are stored in one
         * transaction, all or none.
         */
        @WithDefault("1000")
        int splitFrom();
    }

    interface Metrics {
        /** Longest window, in days, that a metrics filter may span. */
        @WithDefault("1830")
        int maxWindowDays();

        /**
         * Most people that the bars, the heatmap (per axis) and the chord list one by one; everyone
         * beyond is summed into one "(others)" entry, so that no answer grows with the square of a team.
         */
        @WithDefault("200")
        int maxPeople();

        /** Most people a review hierarchy may hold; a larger one is a BAD_REQUEST asking for a narrower filter. */
        @WithDefault("5000")
        int maxHierarchyPeople();
    }
}
