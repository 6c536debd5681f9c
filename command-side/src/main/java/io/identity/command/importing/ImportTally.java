package io.identity.command.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, line by line: how many users it imported, how many it skipped (their username was taken),
 * how many lines failed and, for the first {@link #MAX_ERRORS} of them, which and why. The list is bounded so that
 * a file of any size, however bad, answers in bounded memory; {@code failed} counts every one.
 */
final class ImportTally {

    static final int MAX_ERRORS = 10_000;

    private long imported;
    private long skipped;
    private long failed;
    private Long position;
    private final List<LineError> errors = new ArrayList<>();

    /** A line not imported, by its number in the file (from 1), and why ({@link LineProblem}'s code). */
    record LineError(long line, String code) {}

    /** The answer: {@code 200 { imported, skipped, failed, errors }}. */
    record Outcome(long imported, long skipped, long failed, List<LineError> errors) {}

    void imported(int users, Long lastPosition) {
        imported += users;
        if (lastPosition != null) {
            position = lastPosition;
        }
    }

    void skipped() {
        skipped++;
    }

    void failed(long line, LineProblem problem) {
        failed++;
        if (errors.size() < MAX_ERRORS) {
            errors.add(new LineError(line, problem.code()));
        }
    }

    /** The global position of the last event stored, for {@code X-Event-Position}; null when none was. */
    Long position() {
        return position;
    }

    Outcome outcome() {
        return new Outcome(imported, skipped, failed, List.copyOf(errors));
    }
}
