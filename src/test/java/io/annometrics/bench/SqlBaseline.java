package io.annometrics.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Each view's answer computed the plain way: one SQL statement over the raw {@code event} table (and
 * {@code annotation} for authors), read into Java. The author of an annotation is
 * {@code coalesce(creator, author_hint)}; a correction is an update or deletion whose actor is not
 * the author. What the statement returns is what the service needs to shape the view; the shaping
 * itself (sorting, matrices, the branching) is microseconds of Java and is left out.
 */
final class SqlBaseline implements AutoCloseable {

    /** Corrections by {@code editor} of work by {@code author}. */
    record Pair(String editor, String author) {
    }

    /** What one statement returned: the fields its view needs are set, the others are empty. */
    record Answer(Map<LocalDate, Long> days, Map<String, Long> perUser, Map<Pair, Long> pairs, Set<String> users) {
    }

    private static final String WINDOW = "e.project_id = ? AND e.occurred_at >= ? AND e.occurred_at < ?";
    private static final String EDITS = " FROM event e"
            + " JOIN annotation a ON a.project_id = e.project_id AND a.annotation_id = e.annotation_id"
            + " WHERE " + WINDOW
            + " AND e.type IN ('ANNOTATION_UPDATED', 'ANNOTATION_DELETED')"
            + " AND e.actor <> coalesce(a.creator, a.author_hint)";
    private static final String PAIRS = "SELECT e.actor AS editor, coalesce(a.creator, a.author_hint) AS author, count(*) AS n"
            + EDITS + " GROUP BY 1, 2";

    /** The statement of each view. */
    static final Map<View, String> SQL = new EnumMap<>(Map.of(
            View.SUMMARY, "SELECT (e.occurred_at AT TIME ZONE ?)::date AS day, count(*) FROM event e WHERE " + WINDOW
                    + " GROUP BY 1",
            View.CREATED, "SELECT e.actor, count(*) FROM event e WHERE " + WINDOW
                    + " AND e.type = 'ANNOTATION_CREATED' GROUP BY 1",
            View.REWORKS, "SELECT e.actor, count(*)" + EDITS + " GROUP BY 1",
            View.HEATMAP, "WITH pairs AS (" + PAIRS + "),"
                    + " creators AS (SELECT DISTINCT e.actor FROM event e WHERE " + WINDOW + " AND e.type = 'ANNOTATION_CREATED')"
                    + " SELECT editor, author, n FROM pairs UNION ALL SELECT NULL, actor, 0 FROM creators",
            View.HIERARCHY, "WITH pairs AS (" + PAIRS + "),"
                    + " actors AS (SELECT DISTINCT e.actor FROM event e WHERE " + WINDOW + ")"
                    + " SELECT editor, author, n FROM pairs UNION ALL SELECT NULL, actor, 0 FROM actors",
            View.RELATIONSHIP, PAIRS));

    private final Connection connection;
    private final String projectId;
    private final ZoneId zone;
    private final Map<View, PreparedStatement> statements = new EnumMap<>(View.class);

    SqlBaseline(Connection connection, String projectId, ZoneId zone) {
        this.connection = connection;
        this.projectId = projectId;
        this.zone = zone;
    }

    /** Runs the view's statement for the window and reads every row. */
    Answer run(View view, DayWindow window) throws SQLException {
        PreparedStatement statement = statements.get(view);
        if (statement == null) {
            statement = connection.prepareStatement(SQL.get(view));
            statements.put(view, statement);
        }
        bind(statement, view, window);
        Map<LocalDate, Long> days = new HashMap<>();
        Map<String, Long> perUser = new HashMap<>();
        Map<Pair, Long> pairs = new HashMap<>();
        Set<String> users = new HashSet<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                switch (view) {
                    case SUMMARY -> days.put(rows.getObject(1, LocalDate.class), rows.getLong(2));
                    case CREATED, REWORKS -> perUser.put(rows.getString(1), rows.getLong(2));
                    default -> {
                        String editor = rows.getString(1);
                        if (editor == null) {
                            users.add(rows.getString(2));
                        } else {
                            pairs.put(new Pair(editor, rows.getString(2)), rows.getLong(3));
                        }
                    }
                }
            }
        }
        return new Answer(days, perUser, pairs, users);
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the view's statement for the window. */
    String explain(View view, DayWindow window) throws SQLException {
        String sql = SQL.get(view);
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            bind(statement, view, window);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    /** Binds the zone (calendar only) and then project and window bounds, once per window the statement reads. */
    private void bind(PreparedStatement statement, View view, DayWindow window) throws SQLException {
        int index = 1;
        if (view == View.SUMMARY) {
            statement.setString(index++, zone.getId());
        }
        int windows = view == View.HEATMAP || view == View.HIERARCHY ? 2 : 1;
        for (int i = 0; i < windows; i++) {
            statement.setString(index++, projectId);
            statement.setObject(index++, window.start(zone).atOffset(ZoneOffset.UTC));
            statement.setObject(index++, window.end(zone).atOffset(ZoneOffset.UTC));
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
    }
}
