package io.identity.command.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a request body, read one at a time through a fixed buffer: however large the body, and however long
 * a line, no more than {@link #MAX_LINE_BYTES} of it is held. A line is ended by {@code \n} (a {@code \r} before it
 * is dropped); a line too long, or not UTF-8, comes back with its problem instead of its text.
 */
final class NdjsonLines {

    /** One user's line is a few hundred bytes; this leaves room for long names and hashes. */
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int position;
    private int limit;
    private long number;

    NdjsonLines(InputStream in) {
        this.in = in;
    }

    /** A line by its number (from 1): its text, or the problem that keeps it from being read. */
    record Line(long number, String text, LineProblem problem) {}

    /** The next line, or null at the end of the body. */
    Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            if (length < MAX_LINE_BYTES) {
                line[length++] = b;
            } else {
                tooLong = true;
            }
        }
        if (!any) {
            return null;
        }
        number++;
        if (tooLong) {
            return new Line(number, null, LineProblem.LINE_TOO_LONG);
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        try {
            var text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, length))
                    .toString();
            return new Line(number, text, null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, LineProblem.MALFORMED_LINE);
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }
}
