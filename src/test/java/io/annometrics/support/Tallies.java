package io.annometrics.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

import io.annometrics.aggregate.BucketTally;

/** Reads the tally rows of a project back, as tests check what ingestion and migrations stored. */
public final class Tallies {

    private Tallies() {
    }

    /**
     * Sums a project's tally rows of one level ("slot", "day" or "month"): key "events" and "created"
     * for activity, "editor>author" for corrections, "rows" for the number of rows.
     */
    public static Map<String, Long> sum(Connection connection, String project, String level) throws SQLException {
        Map<String, Long> sums = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT people, activity, corrections FROM tally WHERE project_id = ? AND level = ?")) {
            statement.setString(1, project);
            statement.setString(2, level);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sums.merge("rows", 1L, Long::sum);
                    String[] people = (String[]) rows.getArray(1).getArray();
                    BucketTally.read(new BucketTally.Stored(people, rows.getBytes(2), rows.getBytes(3)), new BucketTally.Reader() {
                        @Override
                        public void activity(int person, int events, int created) {
                            sums.merge("events", (long) events, Long::sum);
                            sums.merge("created", (long) created, Long::sum);
                        }

                        @Override
                        public void correction(int editor, int author, int count) {
                            sums.merge(people[editor] + ">" + people[author], (long) count, Long::sum);
                        }
                    });
                }
            }
        }
        return sums;
    }
}
