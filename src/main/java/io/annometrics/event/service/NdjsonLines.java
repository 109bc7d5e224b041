package io.annometrics.event.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an NDJSON stream line by line with bounded memory: each line is checked as strict UTF-8 on
 * its own, so that a bad line is reported as such and the next one is still read. Lines longer than
 * the limit are skipped to their end and reported. A line is handed out as bytes, which the JSON
 * parser reads directly: no line is decoded into a string of its own.
 */
final class NdjsonLines {

    /**
     * One line: its number (from 1) and its bytes ({@code bytes[0..length)}, valid until the next call
     * of {@link #next}), or why it could not be read.
     */
    record Line(long number, byte[] bytes, int length, String problem) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private byte[] line = new byte[1024];
    private int lineLength;
    private int position;
    private int limit;
    private long number;
    private boolean ended;

    NdjsonLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next non-blank line, or null at the end of the stream. */
    Line next() throws IOException {
        while (!ended) {
            lineLength = 0;
            boolean tooLong = false;
            boolean sawNewline = false;
            while (!sawNewline) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        ended = true;
                        limit = 0;
                        break;
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                if (!tooLong) {
                    append(start, position - start);
                    tooLong = lineLength > maxLineBytes;
                }
                if (position < limit) {
                    position++;
                    sawNewline = true;
                }
            }
            if (!sawNewline && lineLength == 0 && !tooLong) {
                return null;
            }
            number++;
            if (tooLong) {
                return new Line(number, null, 0, "The line is longer than " + maxLineBytes + " bytes.");
            }
            if (!isAscii() && !isUtf8()) {
                return new Line(number, null, 0, "The line is not valid UTF-8.");
            }
            if (!isBlank()) {
                return new Line(number, line, lineLength, null);
            }
        }
        return null;
    }

    private void append(int start, int count) {
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
        }
        System.arraycopy(buffer, start, line, lineLength, count);
        lineLength += count;
    }

    /** ASCII is UTF-8: most lines need no decoder. */
    private boolean isAscii() {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private boolean isUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, lineLength));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Only whitespace, as {@link String#isBlank} sees it in ASCII and the other Unicode spaces in UTF-8. */
    private boolean isBlank() {
        for (int i = 0; i < lineLength; i++) {
            byte b = line[i];
            if (b < 0) {
                return new String(line, 0, lineLength, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
