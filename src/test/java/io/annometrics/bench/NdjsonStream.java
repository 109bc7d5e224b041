package io.annometrics.bench;

import java.io.InputStream;

/**
 * The next {@code lines} events of a generator as an NDJSON byte stream, produced as it is read:
 * only a small buffer is ever in memory.
 */
final class NdjsonStream extends InputStream {

    private static final int CHUNK = 64 * 1024;

    private final EventGenerator generator;
    private final StringBuilder text = new StringBuilder(CHUNK + 1024);
    private byte[] buffer = new byte[CHUNK + 1024];
    private long remaining;
    private int position;
    private int limit;

    NdjsonStream(EventGenerator generator, long lines) {
        this.generator = generator;
        this.remaining = lines;
    }

    @Override
    public int read() {
        if (position == limit && !refill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position == limit && !refill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    /** Generates the next chunk of lines; false at the end. */
    private boolean refill() {
        text.setLength(0);
        while (remaining > 0 && generator.hasNext() && text.length() < CHUNK) {
            generator.appendNext(text);
            text.append('\n');
            remaining--;
        }
        if (text.length() > buffer.length) {
            buffer = new byte[text.length()];
        }
        // Every generated character is ASCII.
        for (int i = 0; i < text.length(); i++) {
            buffer[i] = (byte) text.charAt(i);
        }
        position = 0;
        limit = text.length();
        return limit > 0;
    }
}
