package io.identity.query.processing;

/**
 * A batch handled at speed failed and is rolled back, to be handled again one event at a time ({@link Batches}):
 * never a reason to set an event aside (the dead letters' policy lets it through), nor to go on with the batch.
 */
public final class BatchRetried extends RuntimeException {

    /** Says only the {@link Failures#summary summary} of the cause, which it does not keep. */
    BatchRetried(Throwable cause) {
        super("the batch is handled again, one event at a time, after " + Failures.summary(cause), null, false, false);
    }
}
