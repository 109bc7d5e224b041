package io.annometrics.event.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.annometrics.event.model.AuthorshipEvidence;
import io.annometrics.event.model.NewEvent;

/**
 * The event log and the authorship of annotations, in plain SQL: a batch is written with one
 * statement per table, whatever its size. Callers run it inside their transaction.
 */
@ApplicationScoped
public class EventRepository {

    private static final String INSERT_EVENTS = """
            INSERT INTO event (project_id, event_id, type, actor, annotation_id, occurred_at, author, asset_id, label)
            SELECT p, e, t::event_type, a, n, o, au, s, l
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])
                AS batch(p, e, t, a, n, o, au, s, l)
            ON CONFLICT (project_id, event_id) DO NOTHING
            RETURNING project_id, event_id
            """;

    /** Keeps, for the creator and for the author hint, whichever evidence is earliest. */
    private static final String MERGE_AUTHORSHIP = """
            INSERT INTO annotation AS a (project_id, annotation_id, creator, created_at, created_event_id,
                                         author_hint, hint_at, hint_event_id)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                                 ?::text[], ?::timestamptz[], ?::text[])
            ON CONFLICT (project_id, annotation_id) DO UPDATE SET
                creator          = CASE WHEN %1$s THEN excluded.creator ELSE a.creator END,
                created_at       = CASE WHEN %1$s THEN excluded.created_at ELSE a.created_at END,
                created_event_id = CASE WHEN %1$s THEN excluded.created_event_id ELSE a.created_event_id END,
                author_hint      = CASE WHEN %2$s THEN excluded.author_hint ELSE a.author_hint END,
                hint_at          = CASE WHEN %2$s THEN excluded.hint_at ELSE a.hint_at END,
                hint_event_id    = CASE WHEN %2$s THEN excluded.hint_event_id ELSE a.hint_event_id END
            """.formatted(earlier("created_at", "created_event_id"), earlier("hint_at", "hint_event_id"));

    @Inject
    AgroalDataSource dataSource;

    /** A key of the event log. */
    public record EventKey(String projectId, String eventId) {
    }

    /**
     * Stores the events that are not stored yet.
     *
     * @param events distinct by key, sorted by key so that concurrent batches lock rows in one order
     * @return the keys of the events stored now; the others were stored before
     */
    public Set<EventKey> insertNew(List<NewEvent> events) throws SQLException {
        Set<EventKey> inserted = new HashSet<>();
        if (events.isEmpty()) {
            return inserted;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT_EVENTS)) {
            statement.setArray(1, texts(connection, events, NewEvent::projectId));
            statement.setArray(2, texts(connection, events, NewEvent::eventId));
            statement.setArray(3, texts(connection, events, e -> e.type().name()));
            statement.setArray(4, texts(connection, events, NewEvent::actor));
            statement.setArray(5, texts(connection, events, NewEvent::annotationId));
            statement.setArray(6, texts(connection, events, e -> e.occurredAt().toString()));
            statement.setArray(7, texts(connection, events, NewEvent::author));
            statement.setArray(8, texts(connection, events, NewEvent::assetId));
            statement.setArray(9, texts(connection, events, NewEvent::label));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    inserted.add(new EventKey(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return inserted;
    }

    /** Merges what new events say about who authored their annotations (sorted by annotation). */
    public void mergeAuthorship(List<AuthorshipEvidence> evidence) throws SQLException {
        if (evidence.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(MERGE_AUTHORSHIP)) {
            statement.setArray(1, texts(connection, evidence, AuthorshipEvidence::projectId));
            statement.setArray(2, texts(connection, evidence, AuthorshipEvidence::annotationId));
            statement.setArray(3, texts(connection, evidence, AuthorshipEvidence::creator));
            statement.setArray(4, texts(connection, evidence, e -> instant(e.createdAt())));
            statement.setArray(5, texts(connection, evidence, AuthorshipEvidence::createdEventId));
            statement.setArray(6, texts(connection, evidence, AuthorshipEvidence::authorHint));
            statement.setArray(7, texts(connection, evidence, e -> instant(e.hintAt())));
            statement.setArray(8, texts(connection, evidence, AuthorshipEvidence::hintEventId));
            statement.executeUpdate();
        }
    }

    private static String earlier(String at, String eventId) {
        String condition = "excluded.%1$s IS NOT NULL AND (a.%1$s IS NULL"
                + " OR (excluded.%1$s, excluded.%2$s COLLATE \"C\") < (a.%1$s, a.%2$s COLLATE \"C\"))";
        return condition.formatted(at, eventId);
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static <T> Array texts(Connection connection, List<T> rows, Function<T, String> column) throws SQLException {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return connection.createArrayOf("text", values);
    }
}
