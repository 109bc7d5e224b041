package io.annometrics.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result table (one row per view and window) and the summary lines below it, as aligned text for
 * the console and as Markdown for the report file.
 */
final class Report {

    /** Target of the issue: every view's p95 at most this, in milliseconds. */
    static final double TARGET_P95_MS = 20;
    /** Target of the issue: every view at least this many times faster than raw SQL (p50 against p50). */
    static final double TARGET_SPEEDUP = 20;

    /** One measured view in one window. */
    record Row(View view, DayWindow window, Stats service, double inServiceMs, Stats sql, String answer) {

        double speedupP50() {
            return sql.p50Ms() / service.p50Ms();
        }

        double speedupP95() {
            return sql.p95Ms() / service.p95Ms();
        }

        boolean meetsTargets() {
            return service.p95Ms() <= TARGET_P95_MS && speedupP50() >= TARGET_SPEEDUP;
        }
    }

    private static final String[] HEADER = { "view", "window", "service p50 ms", "service p95 ms", "in-service mean ms", "SQL p50 ms", "SQL p95 ms",
            "SQL/service p50", "SQL/service p95", "same answer", "p95<=20ms & >=20x" };

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final List<String[]> lines = new ArrayList<>();

    Report(String title) {
        this.title = title;
    }

    void add(Row row) {
        rows.add(row);
    }

    /** A summary line below the table. */
    void line(String name, String value) {
        lines.add(new String[] { name, value });
    }

    List<Row> rows() {
        return rows;
    }

    private List<String[]> cells() {
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(new String[] { row.view().operation, row.window().name(), ms(row.service().p50Ms()),
                    ms(row.service().p95Ms()), ms(row.inServiceMs()), ms(row.sql().p50Ms()), ms(row.sql().p95Ms()), times(row.speedupP50()),
                    times(row.speedupP95()), row.answer(), row.meetsTargets() ? "yes" : "MISSED" });
        }
        return cells;
    }

    String text() {
        List<String[]> cells = cells();
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
            for (String[] row : cells) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n');
        appendRow(out, HEADER, widths);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        for (String[] row : cells) {
            appendRow(out, row, widths);
        }
        out.append('\n');
        int nameWidth = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        for (String[] line : lines) {
            out.append(String.format("%-" + nameWidth + "s  %s%n", line[0], line[1]));
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(title).append("\n\n");
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|").append("---|".repeat(2)).append("---:|".repeat(7)).append("---|".repeat(2)).append('\n');
        for (String[] row : cells()) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append('\n');
        out.append("| measure | value |\n|---|---|\n");
        for (String[] line : lines) {
            out.append("| ").append(line[0]).append(" | ").append(line[1].replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    void writeMarkdown(Path file) throws IOException {
        Files.writeString(file, markdown(), StandardCharsets.UTF_8);
    }

    private static void appendRow(StringBuilder out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            String format = i < 2 || i >= 9 ? "%-" + widths[i] + "s  " : "%" + widths[i] + "s  ";
            line.append(String.format(format, row[i]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    static String ms(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String times(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0fx", value) : String.format(Locale.ROOT, "%.1fx", value);
    }

    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }
}
