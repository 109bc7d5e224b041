package io.annometrics.event.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.annometrics.event.model.AnnotationKey;
import io.annometrics.event.model.AuthorshipEvidence;
import io.annometrics.event.model.NewEvent;
import io.annometrics.event.model.StoredEdit;

/**
 * The event log and the authorship of annotations, in plain SQL: a batch is written with one
 * statement per table, whatever its size. Callers run it inside their transaction.
 */
@ApplicationScoped
public class EventRepository {

    /**
     * The log's rows do not check their project one by one (migration V5): a batch locks its projects
     * once instead, so that a project cannot be deleted while events are being added to it.
     */
    private static final String LOCK_PROJECTS = """
            SELECT id FROM project WHERE id = ANY (?::text[]) ORDER BY id FOR KEY SHARE
            """;

    private static final String INSERT_EVENTS = """
            INSERT INTO event (project_id, event_id, type, actor, annotation_id, occurred_at, author, asset_id, label)
            SELECT p, e, t::event_type, a, n, o::timestamptz, au, s, l
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS batch(p, e, t, a, n, o, au, s, l)
            ON CONFLICT (project_id, event_id) DO NOTHING
            RETURNING project_id, event_id
            """;

    private static final String CLAIM_ANNOTATIONS = """
            INSERT INTO annotation (project_id, annotation_id, creator, created_at, created_event_id, author_hint, hint_at, hint_event_id)
            SELECT p, n, c, ca::timestamptz, ce, h, ha::timestamptz, he
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS u(p, n, c, ca, ce, h, ha, he)
            ON CONFLICT (project_id, annotation_id) DO NOTHING
            RETURNING project_id, annotation_id
            """;

    private static final String LOCK_ANNOTATIONS = """
            SELECT a.project_id, a.annotation_id, a.creator, a.created_at, a.created_event_id,
                   a.author_hint, a.hint_at, a.hint_event_id
            FROM annotation a JOIN unnest(?::text[], ?::text[]) AS k(p, n) ON a.project_id = k.p AND a.annotation_id = k.n
            ORDER BY a.project_id, a.annotation_id
            FOR UPDATE OF a
            """;

    private static final String UPDATE_ANNOTATIONS = """
            UPDATE annotation a
            SET creator = u.c, created_at = u.ca::timestamptz, created_event_id = u.ce,
                author_hint = u.h, hint_at = u.ha::timestamptz, hint_event_id = u.he
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS u(p, n, c, ca, ce, h, ha, he)
            WHERE a.project_id = u.p AND a.annotation_id = u.n
            """;

    private static final String EDITS_OF = """
            SELECT e.project_id, e.event_id, e.annotation_id, e.actor, e.occurred_at
            FROM event e JOIN unnest(?::text[], ?::text[]) AS k(p, n) ON e.project_id = k.p AND e.annotation_id = k.n
            WHERE e.type IN ('ANNOTATION_UPDATED', 'ANNOTATION_DELETED')
            """;

    @Inject
    AgroalDataSource dataSource;

    /** A key of the event log. */
    public record EventKey(String projectId, String eventId) {
    }

    /**
     * Locks these projects against deletion until the caller's transaction ends.
     *
     * @return those of them that exist
     */
    public Set<String> lockProjects(Set<String> projectIds) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(LOCK_PROJECTS)) {
            statement.setArray(1, connection.createArrayOf("text", projectIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    existing.add(rows.getString(1));
                }
            }
        }
        return existing;
    }

    /**
     * Stores the events that are not stored yet.
     *
     * @param events distinct by key, sorted by key so that concurrent batches lock rows in one order
     * @return the keys of the events stored now; the others were stored before
     */
    public Set<EventKey> insertNew(List<NewEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return new HashSet<>();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT_EVENTS)) {
            SqlArrays.bind(connection, statement, events, NewEvent::projectId, NewEvent::eventId, e -> e.type().name(),
                    NewEvent::actor, NewEvent::annotationId, NewEvent::occurredAt, NewEvent::author, NewEvent::assetId,
                    NewEvent::label);
            return keysOf(statement, EventKey::new);
        }
    }

    /**
     * Stores the authorship of annotations that have no row yet, as this batch's evidence says (an empty
     * row where it says nothing, so that there is a row to lock), and leaves the others alone. A row
     * that a concurrent batch is inserting makes this wait for that batch to end.
     *
     * @param states one per annotation, sorted by key
     * @return the annotations whose row was inserted now: no event was stored for them before
     */
    public Set<AnnotationKey> claimAuthorship(List<AuthorshipEvidence> states) throws SQLException {
        if (states.isEmpty()) {
            return new HashSet<>();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(CLAIM_ANNOTATIONS)) {
            bindAuthorship(connection, statement, states);
            return keysOf(statement, AnnotationKey::new);
        }
    }

    /**
     * Locks the (existing) authorship rows of {@code annotations} (sorted) and answers what is known of
     * each until the caller's transaction ends.
     */
    public Map<AnnotationKey, AuthorshipEvidence> lockAuthorship(List<AnnotationKey> annotations) throws SQLException {
        Map<AnnotationKey, AuthorshipEvidence> known = new HashMap<>();
        if (annotations.isEmpty()) {
            return known;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement(LOCK_ANNOTATIONS)) {
            SqlArrays.bind(connection, lock, annotations, AnnotationKey::projectId, AnnotationKey::annotationId);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    AuthorshipEvidence state = new AuthorshipEvidence(rows.getString(1), rows.getString(2),
                            rows.getString(3), instant(rows.getTimestamp(4)), rows.getString(5),
                            rows.getString(6), instant(rows.getTimestamp(7)), rows.getString(8));
                    known.put(new AnnotationKey(state.projectId(), state.annotationId()), state);
                }
            }
        }
        return known;
    }

    /** Stores what is now known of the authorship of these (locked) annotations. */
    public void updateAuthorship(List<AuthorshipEvidence> states) throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(UPDATE_ANNOTATIONS)) {
            bindAuthorship(connection, statement, states);
            statement.executeUpdate();
        }
    }

    /** The updates and deletions stored for these annotations. */
    public List<StoredEdit> editsOf(List<AnnotationKey> annotations) throws SQLException {
        List<StoredEdit> edits = new ArrayList<>();
        if (annotations.isEmpty()) {
            return edits;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(EDITS_OF)) {
            SqlArrays.bind(connection, statement, annotations, AnnotationKey::projectId, AnnotationKey::annotationId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    edits.add(new StoredEdit(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getTimestamp(5).toInstant()));
                }
            }
        }
        return edits;
    }

    /** Runs a bound query whose rows are (project, id) keys, as the RETURNING clauses above return them. */
    private static <K> Set<K> keysOf(PreparedStatement statement, BiFunction<String, String, K> key) throws SQLException {
        Set<K> keys = new HashSet<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                keys.add(key.apply(rows.getString(1), rows.getString(2)));
            }
        }
        return keys;
    }

    private static void bindAuthorship(Connection connection, PreparedStatement statement, List<AuthorshipEvidence> states)
            throws SQLException {
        SqlArrays.bind(connection, statement, states, AuthorshipEvidence::projectId, AuthorshipEvidence::annotationId,
                AuthorshipEvidence::creator, AuthorshipEvidence::createdAt, AuthorshipEvidence::createdEventId,
                AuthorshipEvidence::authorHint, AuthorshipEvidence::hintAt, AuthorshipEvidence::hintEventId);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
