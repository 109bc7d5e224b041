package io.annometrics.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.annometrics.bench.SqlBaseline.Answer;
import io.annometrics.bench.SqlBaseline.Pair;

/**
 * Whether the service's answer to a view says what the plain SQL answer says, as the contract
 * (SEMANTICS.md) defines each view. For the hierarchy, whose branching SQL cannot compute, it checks
 * the nodes, the UNCONNECTED people, that every parent edge is a real correction relation and that
 * parents come before their children.
 */
final class AnswerCheck {

    private static final int MAX_LISTED = 5;

    private final List<String> problems = new ArrayList<>();

    private AnswerCheck() {
    }

    /** The differences found (at most a few, each one line); empty when the answers agree. */
    static List<String> compare(View view, JsonNode service, Answer sql, DayWindow window) {
        AnswerCheck check = new AnswerCheck();
        switch (view) {
            case SUMMARY -> check.calendar(service, sql.days(), window);
            case CREATED, REWORKS -> check.ranking(service, sql.perUser());
            case HEATMAP -> check.heatmap(service, sql);
            case HIERARCHY -> check.hierarchy(service, sql);
            case RELATIONSHIP -> check.chord(service, sql.pairs());
        }
        return check.problems;
    }

    private void calendar(JsonNode service, Map<LocalDate, Long> days, DayWindow window) {
        JsonNode list = service.get("days");
        expect("days", window.days(), (long) list.size());
        long total = 0;
        int i = 0;
        for (LocalDate day = window.from(); !day.isAfter(window.to()); day = day.plusDays(1), i++) {
            long count = days.getOrDefault(day, 0L);
            total += count;
            if (i < list.size()) {
                expect("date #" + i, day.toString(), list.get(i).get("date").asText());
                expect("count of " + day, count, list.get(i).get("count").asLong());
            }
        }
        expect("total", total, service.get("total").asLong());
    }

    private void ranking(JsonNode service, Map<String, Long> counts) {
        List<Map.Entry<String, Long>> expected = counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        expect("entries", expected.size(), service.size());
        for (int i = 0; i < Math.min(expected.size(), service.size()); i++) {
            expect("entry #" + i, expected.get(i).getKey() + "=" + expected.get(i).getValue(),
                    service.get(i).get("user").asText() + "=" + service.get(i).get("count").asLong());
        }
    }

    private void heatmap(JsonNode service, Answer sql) {
        List<String> rows = strings(service.get("annotators"));
        List<String> columns = strings(service.get("editors"));
        Set<String> annotators = new TreeSet<>(sql.users());
        Set<String> editors = new TreeSet<>();
        sql.pairs().keySet().forEach(p -> {
            annotators.add(p.author());
            editors.add(p.editor());
        });
        expect("annotators", annotators, new TreeSet<>(rows));
        expect("editors", editors, new TreeSet<>(columns));
        Map<Pair, Long> cells = new HashMap<>();
        JsonNode counts = service.get("counts");
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                long n = counts.get(i).get(j).asLong();
                if (n != 0) {
                    cells.put(new Pair(columns.get(j), rows.get(i)), n);
                }
            }
        }
        expect("cells", sql.pairs(), cells);
        expectSorted("annotators", rows, received(sql.pairs()));
        expectSorted("editors", columns, made(sql.pairs()));
    }

    private void hierarchy(JsonNode service, Answer sql) {
        Set<String> users = new TreeSet<>(sql.users());
        Set<String> connected = new HashSet<>();
        sql.pairs().keySet().forEach(p -> {
            users.add(p.author());
            connected.add(p.author());
            connected.add(p.editor());
        });
        Set<String> unconnected = new TreeSet<>(users);
        unconnected.removeAll(connected);
        Set<String> nodes = new TreeSet<>();
        Set<String> serviceUnconnected = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode node : service.get("nodes")) {
            String user = node.get("user").asText();
            nodes.add(user);
            if ("UNCONNECTED".equals(node.get("role").asText())) {
                serviceUnconnected.add(user);
            }
            JsonNode parent = node.get("parent");
            if (parent != null && !parent.isNull()) {
                if (!sql.pairs().containsKey(new Pair(parent.asText(), user))) {
                    problem("parent edge " + parent.asText() + " -> " + user + " is no correction relation");
                }
                if (!seen.contains(parent.asText())) {
                    problem("parent " + parent.asText() + " does not come before " + user);
                }
            }
            seen.add(user);
        }
        expect("nodes", users, nodes);
        expect("unconnected", unconnected, serviceUnconnected);
    }

    private void chord(JsonNode service, Map<Pair, Long> pairs) {
        List<String> users = strings(service.get("users"));
        Set<String> expectedUsers = new TreeSet<>();
        pairs.keySet().forEach(p -> {
            expectedUsers.add(p.editor());
            expectedUsers.add(p.author());
        });
        expect("users", expectedUsers, new TreeSet<>(users));
        Map<Pair, Long> cells = new HashMap<>();
        JsonNode matrix = service.get("matrix");
        for (int i = 0; i < users.size(); i++) {
            for (int j = 0; j < users.size(); j++) {
                long n = matrix.get(i).get(j).asLong();
                if (n != 0) {
                    cells.put(new Pair(users.get(i), users.get(j)), n);
                }
            }
        }
        expect("matrix", pairs, cells);
        Map<String, Long> totals = made(pairs);
        received(pairs).forEach((user, n) -> totals.merge(user, n, Long::sum));
        for (int i = 0; i < users.size(); i++) {
            expect("total of " + users.get(i), totals.getOrDefault(users.get(i), 0L), service.get("totals").get(i).asLong());
        }
    }

    private static Map<String, Long> made(Map<Pair, Long> pairs) {
        Map<String, Long> made = new HashMap<>();
        pairs.forEach((p, n) -> made.merge(p.editor(), n, Long::sum));
        return made;
    }

    private static Map<String, Long> received(Map<Pair, Long> pairs) {
        Map<String, Long> received = new HashMap<>();
        pairs.forEach((p, n) -> received.merge(p.author(), n, Long::sum));
        return received;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** {@code users} must be sorted by {@code counts} descending, then by name. */
    private void expectSorted(String what, List<String> users, Map<String, Long> counts) {
        Comparator<String> order = Comparator.<String> comparingLong(u -> counts.getOrDefault(u, 0L)).reversed()
                .thenComparing(Comparator.naturalOrder());
        List<String> sorted = users.stream().sorted(order).toList();
        expect(what + " order", sorted, users);
    }

    private void expect(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            String e = String.valueOf(expected);
            String a = String.valueOf(actual);
            problem(what + ": SQL says " + abbreviate(e) + ", the service " + abbreviate(a));
        }
    }

    private void problem(String text) {
        if (problems.size() < MAX_LISTED) {
            problems.add(text);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
