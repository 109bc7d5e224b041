package io.annometrics.event.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads an NDJSON stream line by line with bounded memory: each line is decoded as strict UTF-8 on
 * its own, so that a bad line is reported as such and the next one is still read. Lines longer than
 * the limit are skipped to their end and reported.
 */
final class NdjsonLines {

    /** One line: its number (from 1) and its text, or why it could not be read. */
    record Line(long number, String text, String problem) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
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
            current.reset();
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
                    current.write(buffer, start, position - start);
                    tooLong = current.size() > maxLineBytes;
                }
                if (position < limit) {
                    position++;
                    sawNewline = true;
                }
            }
            if (!sawNewline && current.size() == 0 && !tooLong) {
                return null;
            }
            number++;
            if (tooLong) {
                return new Line(number, null, "The line is longer than " + maxLineBytes + " bytes.");
            }
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(current.toByteArray())).toString();
                if (!text.isBlank()) {
                    return new Line(number, text, null);
                }
            } catch (CharacterCodingException e) {
                return new Line(number, null, "The line is not valid UTF-8.");
            }
        }
        return null;
    }
}
