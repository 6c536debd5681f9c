package io.identity.support.problem;

/** One broken rule of one request field, as listed in a problem's {@code errors}. */
public record FieldViolation(String field, String message) {}
