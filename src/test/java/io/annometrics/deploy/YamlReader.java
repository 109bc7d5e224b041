package io.annometrics.deploy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A strict reader of the YAML that Kubernetes manifests and {@code kubectl kustomize} output use, into
 * Jackson trees. The test class path has no YAML library, so this reader covers the block style
 * (mappings, sequences, compact "- key: value" entries), flow collections, plain, quoted and block
 * scalars, comments and multi-document streams, and refuses everything else instead of guessing:
 * anchors, aliases, tags, complex keys, merge keys, directives, tabs in indentation, duplicate keys.
 *
 * <p>Plain scalars resolve as in YAML 1.2 (null, true/false, integers, floats, else strings). Plain
 * scalars that YAML 1.1 parsers read differently are rejected with "quote it": the API server's
 * client-side decoding ({@code kubectl apply -f}) follows YAML 1.1, kustomize YAML 1.2, so a value such
 * as {@code yes}, {@code on}, {@code 0755}, {@code 1e3} or {@code 2024-01-01} would mean one thing to one
 * tool and another to the other.
 */
final class YamlReader {

    /** A YAML syntax error or an unsupported construct, with its line number. */
    static final class YamlException extends RuntimeException {
        YamlException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSES = Set.of("false", "False", "FALSE");
    /** Booleans of YAML 1.1 only. */
    private static final Set<String> YAML11_BOOLEANS = Set.of("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
            "on", "On", "ON", "off", "Off", "OFF");
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    /** Integers that YAML 1.1 and 1.2 read differently (octal, hexadecimal, underscores, base 60). */
    private static final Pattern AMBIGUOUS_INT = Pattern
            .compile("[-+]?0[0-9]+|[-+]?0[xXoObB][0-9a-fA-F_]+|[-+]?[0-9][0-9_]*_[0-9_]*|[-+]?[0-9]+(:[0-5]?[0-9])+");
    private static final Pattern FLOAT_12 = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern FLOAT_11 = Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \\t].*)?");

    /** One line: its number, indentation and the text after the indentation (trailing spaces kept). */
    private static final class Line {
        final int number;
        final int indent;
        final String text;

        Line(int number, int indent, String text) {
            this.number = number;
            this.indent = indent;
            this.text = text;
        }

        boolean isBlankOrComment() {
            return text.isBlank() || text.startsWith("#");
        }

        String raw() {
            return " ".repeat(indent) + text;
        }
    }

    private final List<Line> lines;
    private int pos;

    private YamlReader(List<Line> lines) {
        this.lines = lines;
    }

    /** Every document of a stream, empty documents left out. */
    static List<JsonNode> readAll(String text) {
        List<JsonNode> documents = new ArrayList<>();
        List<Line> current = new ArrayList<>();
        String[] physical = text.split("\n", -1);
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            int number = i + 1;
            if (line.startsWith("%")) {
                throw new YamlException(number, "directives are not supported");
            }
            if (line.equals("---") || line.startsWith("--- ") || line.startsWith("---\t")
                    || line.equals("...") || line.startsWith("... ")) {
                String rest = line.substring(3).trim();
                if (!rest.isEmpty() && !rest.startsWith("#")) {
                    throw new YamlException(number, "content on a document marker line is not supported");
                }
                readDocument(current, documents);
                current = new ArrayList<>();
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String rest = line.substring(indent);
            if (rest.startsWith("\t") && !rest.isBlank()) {
                throw new YamlException(number, "tab in indentation");
            }
            current.add(new Line(number, indent, rest));
        }
        readDocument(current, documents);
        return documents;
    }

    private static void readDocument(List<Line> lines, List<JsonNode> documents) {
        if (lines.stream().allMatch(Line::isBlankOrComment)) {
            return;
        }
        YamlReader reader = new YamlReader(lines);
        reader.skipBlank();
        JsonNode node = reader.nodeAt(reader.current().indent, -1);
        reader.skipBlank();
        if (!reader.atEnd()) {
            throw new YamlException(reader.current().number, "unexpected content (wrong indentation?)");
        }
        documents.add(node);
    }

    // ---- block structure ---------------------------------------------------------------------------

    private boolean atEnd() {
        return pos >= lines.size();
    }

    private Line current() {
        return lines.get(pos);
    }

    private void skipBlank() {
        while (!atEnd() && current().isBlankOrComment()) {
            pos++;
        }
    }

    /** The node that starts on the current line, at the given indentation, inside a parent at parentIndent. */
    private JsonNode nodeAt(int indent, int parentIndent) {
        Line line = current();
        if (isSequenceEntry(line.text)) {
            return sequence(indent);
        }
        if (mappingColon(line) >= 0) {
            return mapping(indent);
        }
        pos++;
        return inlineValue(line, line.text, parentIndent);
    }

    /** The value of a key or entry whose text after the indicator was empty: it is on the next lines. */
    private JsonNode blockValue(int ownerIndent, boolean sequenceMayShareIndent) {
        skipBlank();
        if (atEnd()) {
            return NODES.nullNode();
        }
        Line next = current();
        if (next.indent > ownerIndent) {
            return nodeAt(next.indent, ownerIndent);
        }
        if (sequenceMayShareIndent && next.indent == ownerIndent && isSequenceEntry(next.text)) {
            return sequence(next.indent);
        }
        return NODES.nullNode();
    }

    private ObjectNode mapping(int indent) {
        ObjectNode object = NODES.objectNode();
        while (true) {
            skipBlank();
            if (atEnd() || current().indent < indent) {
                return object;
            }
            Line line = current();
            if (line.indent > indent) {
                throw new YamlException(line.number, "unexpected indentation");
            }
            if (isSequenceEntry(line.text)) {
                throw new YamlException(line.number, "a sequence entry where a mapping key was expected");
            }
            int colon = mappingColon(line);
            if (colon < 0) {
                throw new YamlException(line.number, "expected 'key: value'");
            }
            String key = key(line, line.text.substring(0, colon).trim());
            if (object.has(key)) {
                throw new YamlException(line.number, "duplicate key '" + key + "'");
            }
            pos++;
            String rest = line.text.substring(colon + 1);
            object.set(key, valueAfterIndicator(line, rest, indent, true));
        }
    }

    private ArrayNode sequence(int indent) {
        ArrayNode array = NODES.arrayNode();
        while (true) {
            skipBlank();
            if (atEnd() || current().indent < indent) {
                return array;
            }
            Line line = current();
            if (line.indent > indent) {
                throw new YamlException(line.number, "unexpected indentation");
            }
            if (!isSequenceEntry(line.text)) {
                return array; // the end of a sequence that shares its parent key's indentation
            }
            String afterDash = line.text.substring(1);
            int offset = 1;
            while (offset < line.text.length() && line.text.charAt(offset) == ' ') {
                offset++;
            }
            String rest = line.text.substring(offset);
            if (rest.isEmpty() || rest.startsWith("#")) {
                pos++;
                array.add(blockValue(indent, false));
                continue;
            }
            // A compact nested sequence or mapping: the entry's content starts at a deeper column of this line.
            Line inner = new Line(line.number, indent + offset, rest);
            if (isSequenceEntry(rest)) {
                lines.set(pos, inner);
                array.add(sequence(inner.indent));
            } else if (mappingColon(inner) >= 0) {
                lines.set(pos, inner);
                array.add(mapping(inner.indent));
            } else {
                pos++;
                array.add(valueAfterIndicator(line, afterDash, indent, false));
            }
        }
    }

    private static boolean isSequenceEntry(String text) {
        return text.equals("-") || text.startsWith("- ");
    }

    /** The column (in line.text) of the ':' that makes this line a mapping entry, or -1. */
    private static int mappingColon(Line line) {
        String text = line.text;
        if (text.isEmpty()) {
            return -1;
        }
        char first = text.charAt(0);
        if (first == '?' && (text.length() == 1 || text.charAt(1) == ' ')) {
            throw new YamlException(line.number, "complex mapping keys ('? ') are not supported");
        }
        if (first == '[' || first == '{' || first == '#' || first == '|' || first == '>') {
            return -1;
        }
        int i = 0;
        if (first == '"' || first == '\'') {
            int end = closingQuote(text, 0);
            if (end < 0) {
                return -1; // a quoted scalar over several lines, not a key
            }
            i = end + 1;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            return i < text.length() && text.charAt(i) == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')
                    ? i
                    : -1;
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#' && i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
                return -1;
            }
            if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the quote that closes the quoted scalar opening at start, on the same line, or -1. */
    private static int closingQuote(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String key(Line line, String text) {
        if (text.isEmpty()) {
            throw new YamlException(line.number, "empty mapping key");
        }
        char first = text.charAt(0);
        if (first == '&' || first == '*' || first == '!') {
            throw new YamlException(line.number, "anchors, aliases and tags are not supported: " + text);
        }
        if (first == '"' || first == '\'') {
            return unquoteSingleLine(line, text);
        }
        if (text.equals("<<")) {
            throw new YamlException(line.number, "merge keys ('<<') are not supported");
        }
        JsonNode resolved = resolvePlain(line, text);
        if (!resolved.isTextual()) {
            throw new YamlException(line.number, "key '" + text + "' is not a string in YAML: quote it");
        }
        return text;
    }

    // ---- values after "key:" or "- " -----------------------------------------------------------------

    /**
     * The value whose text starts with rest (after a mapping's ':' or a sequence's '-', on line, which is
     * already consumed); ownerIndent is the indentation of that mapping or sequence.
     */
    private JsonNode valueAfterIndicator(Line line, String rest, int ownerIndent, boolean mappingValue) {
        String value = rest.strip();
        if (value.isEmpty() || value.startsWith("#")) {
            return blockValue(ownerIndent, mappingValue);
        }
        return inlineValue(line, value, ownerIndent);
    }

    /** A value that starts on line (consumed) with text, and may continue on lines deeper than ownerIndent. */
    private JsonNode inlineValue(Line line, String text, int ownerIndent) {
        char first = text.charAt(0);
        switch (first) {
            case '&':
            case '*':
            case '!':
                throw new YamlException(line.number, "anchors, aliases and tags are not supported: " + text);
            case '@':
            case '`':
                throw new YamlException(line.number, "reserved indicator '" + first + "'");
            case '|':
            case '>':
                return blockScalar(line, text, ownerIndent);
            case '[':
            case '{':
                return flow(line, text, ownerIndent);
            case '"':
            case '\'':
                return quoted(line, text, ownerIndent);
            default:
                return plain(line, text, ownerIndent);
        }
    }

    private JsonNode plain(Line line, String text, int ownerIndent) {
        StringBuilder value = new StringBuilder(stripComment(text));
        boolean commentEnded = value.length() < text.length();
        int blankLines = 0;
        while (!commentEnded && !atEnd()) {
            Line next = current();
            if (next.text.isBlank()) {
                blankLines++;
                pos++;
                continue;
            }
            if (next.indent <= ownerIndent || next.text.startsWith("#")) {
                break;
            }
            String part = stripComment(next.text);
            commentEnded = part.length() < next.text.length();
            if (mappingColon(new Line(next.number, next.indent, part)) >= 0 || isSequenceEntry(part)) {
                throw new YamlException(next.number, "a mapping or sequence inside a plain scalar (wrong indentation?)");
            }
            value.append(blankLines == 0 ? " " : "\n".repeat(blankLines)).append(part.strip());
            blankLines = 0;
            pos++;
        }
        return resolvePlain(line, value.toString().strip());
    }

    /** text up to a comment (" #"), trailing spaces removed. */
    private static String stripComment(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '#' && (i == 0 || text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
                return text.substring(0, i).stripTrailing();
            }
        }
        return text.stripTrailing();
    }

    private JsonNode quoted(Line line, String text, int ownerIndent) {
        char quote = text.charAt(0);
        StringBuilder raw = new StringBuilder();
        String segment = text.substring(1);
        Line at = line;
        while (true) {
            int end = closingQuote(quote + segment, 0);
            if (end >= 0) {
                raw.append(segment, 0, end - 1);
                String after = segment.substring(end).strip();
                if (!after.isEmpty() && !after.startsWith("#")) {
                    throw new YamlException(at.number, "unexpected text after a quoted scalar: " + after);
                }
                break;
            }
            raw.append(segment).append('\n');
            if (atEnd()) {
                throw new YamlException(line.number, "unterminated quoted scalar");
            }
            at = current();
            if (!at.text.isBlank() && at.indent <= ownerIndent) {
                throw new YamlException(at.number, "unterminated quoted scalar (continuation not indented)");
            }
            pos++;
            segment = at.text;
        }
        return NODES.textNode(quote == '"' ? unescapeDouble(line, raw.toString()) : foldSingle(raw.toString()));
    }

    private static String unquoteSingleLine(Line line, String text) {
        int end = closingQuote(text, 0);
        if (end != text.length() - 1) {
            throw new YamlException(line.number, "malformed quoted key: " + text);
        }
        String inner = text.substring(1, end);
        return text.charAt(0) == '"' ? unescapeDouble(line, inner) : foldSingle(inner);
    }

    private static String foldSingle(String raw) {
        return fold(raw.replace("''", "'"), false, 0);
    }

    /** Folds the line breaks of a quoted scalar: one break is a space, n empty lines are n newlines. */
    private static String fold(String raw, boolean doubleQuoted, int ignored) {
        if (raw.indexOf('\n') < 0) {
            return raw;
        }
        String[] parts = raw.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int empty = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = i == 0 ? parts[i] : parts[i].stripLeading();
            if (i < parts.length - 1) {
                part = part.stripTrailing();
            }
            if (i > 0 && part.isEmpty() && i < parts.length - 1) {
                empty++;
                continue;
            }
            if (i > 0) {
                out.append(empty == 0 ? " " : "\n".repeat(empty));
            }
            empty = 0;
            out.append(part);
        }
        return out.toString();
    }

    private static String unescapeDouble(Line line, String raw) {
        // Escaped line breaks join lines without a space; other breaks fold.
        StringBuilder joined = new StringBuilder();
        String[] parts = raw.split("\n", -1);
        StringBuilder folded = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = i == 0 ? parts[i] : parts[i].stripLeading();
            boolean escapedBreak = i < parts.length - 1 && endsWithOddBackslashes(part);
            if (escapedBreak) {
                folded.append(part, 0, part.length() - 1);
                continue;
            }
            folded.append(part);
            if (i < parts.length - 1) {
                folded.append('\n');
            }
        }
        String text = fold(folded.toString(), true, 0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                joined.append(c);
                continue;
            }
            if (++i >= text.length()) {
                throw new YamlException(line.number, "dangling escape in a double-quoted scalar");
            }
            char e = text.charAt(i);
            switch (e) {
                case '0': joined.append('\0'); break;
                case 'a': joined.append('\u0007'); break;
                case 'b': joined.append('\b'); break;
                case 't': case '\t': joined.append('\t'); break;
                case 'n': joined.append('\n'); break;
                case 'v': joined.append('\u000b'); break;
                case 'f': joined.append('\f'); break;
                case 'r': joined.append('\r'); break;
                case 'e': joined.append('\u001b'); break;
                case ' ': joined.append(' '); break;
                case '"': joined.append('"'); break;
                case '/': joined.append('/'); break;
                case '\\': joined.append('\\'); break;
                case 'N': joined.append('\u0085'); break;
                case '_': joined.append('\u00a0'); break;
                case 'L': joined.append('\u2028'); break;
                case 'P': joined.append('\u2029'); break;
                case 'x': i = appendCodePoint(line, text, i, 2, joined); break;
                case 'u': i = appendCodePoint(line, text, i, 4, joined); break;
                case 'U': i = appendCodePoint(line, text, i, 8, joined); break;
                default: throw new YamlException(line.number, "unknown escape '\\" + e + "'");
            }
        }
        return joined.toString();
    }

    private static boolean endsWithOddBackslashes(String s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static int appendCodePoint(Line line, String text, int at, int digits, StringBuilder out) {
        if (at + digits >= text.length() + 0 && at + digits > text.length() - 1 + 1) {
            throw new YamlException(line.number, "short escape sequence");
        }
        try {
            out.appendCodePoint(Integer.parseInt(text.substring(at + 1, at + 1 + digits), 16));
        } catch (RuntimeException e) {
            throw new YamlException(line.number, "malformed escape sequence");
        }
        return at + digits;
    }

    private JsonNode blockScalar(Line line, String header, int ownerIndent) {
        boolean literal = header.charAt(0) == '|';
        char chomping = ' ';
        int explicitIndent = 0;
        int i = 1;
        for (; i < header.length() && i <= 2; i++) {
            char c = header.charAt(i);
            if ((c == '-' || c == '+') && chomping == ' ') {
                chomping = c;
            } else if (c >= '1' && c <= '9' && explicitIndent == 0) {
                explicitIndent = c - '0';
            } else {
                break;
            }
        }
        String after = header.substring(i).strip();
        if (!after.isEmpty() && !after.startsWith("#")) {
            throw new YamlException(line.number, "unexpected text after a block scalar header: " + after);
        }
        int contentIndent = explicitIndent > 0 ? Math.max(ownerIndent, 0) + explicitIndent : -1;
        List<String> content = new ArrayList<>();
        while (!atEnd()) {
            Line next = current();
            if (next.text.isBlank()) {
                content.add("");
                pos++;
                continue;
            }
            if (contentIndent < 0) {
                if (next.indent <= ownerIndent) {
                    break;
                }
                contentIndent = next.indent;
            }
            if (next.indent < contentIndent) {
                break;
            }
            content.add(next.raw().substring(contentIndent));
            pos++;
        }
        int trailing = 0;
        while (trailing < content.size() && content.get(content.size() - 1 - trailing).isEmpty()) {
            trailing++;
        }
        List<String> body = content.subList(0, content.size() - trailing);
        StringBuilder out = new StringBuilder();
        if (literal) {
            out.append(String.join("\n", body));
        } else {
            int empty = 0;
            boolean previousMoreIndented = false;
            boolean firstLine = true;
            for (String part : body) {
                if (part.isEmpty()) {
                    empty++;
                    continue;
                }
                boolean moreIndented = part.startsWith(" ") || part.startsWith("\t");
                if (firstLine) {
                    out.append("\n".repeat(empty));
                } else if (!moreIndented && !previousMoreIndented) {
                    out.append(empty == 0 ? " " : "\n".repeat(empty));
                } else {
                    out.append("\n".repeat(empty + 1));
                }
                out.append(part);
                previousMoreIndented = moreIndented;
                empty = 0;
                firstLine = false;
            }
        }
        if (!body.isEmpty()) {
            if (chomping == ' ') {
                out.append('\n');
            } else if (chomping == '+') {
                out.append("\n".repeat(trailing + 1));
            }
        } else if (chomping == '+') {
            out.append("\n".repeat(trailing));
        }
        return NODES.textNode(out.toString());
    }

    // ---- flow collections ----------------------------------------------------------------------------

    private JsonNode flow(Line line, String text, int ownerIndent) {
        StringBuilder all = new StringBuilder(text);
        while (flowDepth(all) > 0) {
            if (atEnd()) {
                throw new YamlException(line.number, "unterminated flow collection");
            }
            Line next = current();
            if (!next.isBlankOrComment() && next.indent <= ownerIndent) {
                throw new YamlException(next.number, "unterminated flow collection (continuation not indented)");
            }
            pos++;
            all.append(' ').append(next.text.startsWith("#") ? "" : next.text);
        }
        FlowParser parser = new FlowParser(line, all.toString());
        JsonNode node = parser.value();
        parser.skipSpaces();
        String after = parser.rest();
        if (!after.isEmpty() && !after.startsWith("#")) {
            throw new YamlException(line.number, "unexpected text after a flow collection: " + after);
        }
        return node;
    }

    /** Bracket depth at the end of text, quotes and comments considered. */
    private static int flowDepth(CharSequence text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int end = closingQuote(text.toString(), i);
                if (end < 0) {
                    return depth + 1; // a quoted scalar continued on the next line
                }
                i = end;
            } else if (c == '#' && i > 0 && text.charAt(i - 1) == ' ') {
                // a comment: skip to the end of this physical piece (comments never contain brackets we count)
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return depth;
    }

    private static final class FlowParser {
        private final Line line;
        private final String text;
        private int i;

        FlowParser(Line line, String text) {
            this.line = line;
            this.text = text;
        }

        String rest() {
            return text.substring(i);
        }

        void skipSpaces() {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
        }

        private YamlException error(String message) {
            return new YamlException(line.number, message + " in flow collection: " + text);
        }

        JsonNode value() {
            skipSpaces();
            if (i >= text.length()) {
                throw error("missing value");
            }
            char c = text.charAt(i);
            if (c == '[') {
                return sequence();
            }
            if (c == '{') {
                return mapping();
            }
            if (c == '"' || c == '\'') {
                return NODES.textNode(quotedString());
            }
            if (c == '&' || c == '*' || c == '!') {
                throw error("anchors, aliases and tags are not supported");
            }
            return resolvePlain(line, plainScalar());
        }

        private String quotedString() {
            int end = closingQuote(text, i);
            if (end < 0) {
                throw error("unterminated quoted scalar");
            }
            String quoted = text.substring(i, end + 1);
            i = end + 1;
            return unquoteSingleLine(line, quoted);
        }

        private String plainScalar() {
            int start = i;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == ',' || c == ']' || c == '}' || c == '[' || c == '{') {
                    break;
                }
                if (c == ':' && (i + 1 == text.length() || " ,]}".indexOf(text.charAt(i + 1)) >= 0)) {
                    break;
                }
                if (c == '#' && i > start && text.charAt(i - 1) == ' ') {
                    throw error("comment");
                }
                i++;
            }
            return text.substring(start, i).strip();
        }

        private ArrayNode sequence() {
            i++; // [
            ArrayNode array = NODES.arrayNode();
            while (true) {
                skipSpaces();
                if (i < text.length() && text.charAt(i) == ']') {
                    i++;
                    return array;
                }
                JsonNode item = value();
                skipSpaces();
                if (i < text.length() && text.charAt(i) == ':') {
                    throw error("single-pair mappings inside a flow sequence are not supported");
                }
                array.add(item);
                if (i < text.length() && text.charAt(i) == ',') {
                    i++;
                } else if (i < text.length() && text.charAt(i) == ']') {
                    i++;
                    return array;
                } else {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private ObjectNode mapping() {
            i++; // {
            ObjectNode object = NODES.objectNode();
            while (true) {
                skipSpaces();
                if (i < text.length() && text.charAt(i) == '}') {
                    i++;
                    return object;
                }
                if (i >= text.length()) {
                    throw error("unterminated mapping");
                }
                char c = text.charAt(i);
                String key;
                if (c == '"' || c == '\'') {
                    key = quotedString();
                } else if (c == '[' || c == '{') {
                    throw error("complex keys are not supported");
                } else {
                    String plainKey = plainScalar();
                    key = YamlReader.key(line, plainKey);
                }
                skipSpaces();
                if (i >= text.length() || text.charAt(i) != ':') {
                    throw error("expected ':' after key '" + key + "'");
                }
                i++;
                skipSpaces();
                JsonNode value = i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == '}')
                        ? NODES.nullNode()
                        : value();
                if (object.has(key)) {
                    throw error("duplicate key '" + key + "'");
                }
                object.set(key, value);
                skipSpaces();
                if (i < text.length() && text.charAt(i) == ',') {
                    i++;
                } else if (i < text.length() && text.charAt(i) == '}') {
                    i++;
                    return object;
                } else {
                    throw error("expected ',' or '}'");
                }
            }
        }
    }

    // ---- plain scalar resolution ---------------------------------------------------------------------

    static JsonNode resolvePlain(Line line, String text) {
        return resolvePlain(line.number, text);
    }

    static JsonNode resolvePlain(int lineNumber, String text) {
        if (NULLS.contains(text)) {
            return NODES.nullNode();
        }
        if (TRUES.contains(text)) {
            return NODES.booleanNode(true);
        }
        if (FALSES.contains(text)) {
            return NODES.booleanNode(false);
        }
        if (YAML11_BOOLEANS.contains(text)) {
            throw ambiguous(lineNumber, text, "a boolean in YAML 1.1");
        }
        if (INT.matcher(text).matches()) {
            BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
            if (value.bitLength() < 32) {
                return NODES.numberNode(value.intValue());
            }
            if (value.bitLength() < 64) {
                return NODES.numberNode(value.longValue());
            }
            return NODES.numberNode(value);
        }
        if (AMBIGUOUS_INT.matcher(text).matches()) {
            throw ambiguous(lineNumber, text, "a number read differently by YAML 1.1 and 1.2");
        }
        if (FLOAT_12.matcher(text).matches()) {
            if (!FLOAT_11.matcher(text).matches()) {
                throw ambiguous(lineNumber, text, "a float in YAML 1.2 but a string in YAML 1.1");
            }
            return NODES.numberNode(Double.parseDouble(text));
        }
        if (SPECIAL_FLOAT.matcher(text).matches()) {
            throw new YamlException(lineNumber, "infinite and NaN floats are not supported: " + text);
        }
        if (TIMESTAMP.matcher(text).matches()) {
            throw ambiguous(lineNumber, text, "a timestamp in YAML 1.1");
        }
        return NODES.textNode(text);
    }

    private static YamlException ambiguous(int lineNumber, String text, String what) {
        return new YamlException(lineNumber, "'" + text + "' is " + what + ": quote it");
    }
}
