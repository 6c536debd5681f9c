package io.identity.query.web;

import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/**
 * Instants a client sends (a parameter, a cursor's key): ISO-8601, in the years 1 to 9999. {@link Instant} parses
 * far more than that, and what lies outside fails in {@code java.sql.Timestamp} or in PostgreSQL instead of being
 * reported as the client's mistake.
 */
public final class Instants {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    public static final String EXPECTED =
            "must be an ISO-8601 instant such as 2026-11-28T10:15:30Z, " + "in the years 1 to 9999";

    private Instants() {}

    /** The instant, or a {@link DateTimeException} when the value does not parse or lies outside the years. */
    public static Instant parse(String value) {
        var instant = Instant.parse(value.strip());
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new DateTimeException("outside the years 1 to 9999");
        }
        return instant;
    }

    /** The instant of a query parameter; one that is not valid is {@code 400 validation_failed} naming it. */
    public static Instant parameter(String name, String value) {
        try {
            return parse(value);
        } catch (DateTimeException e) {
            throw IdentityException.validation(List.of(new FieldViolation(name, EXPECTED)));
        }
    }
}
