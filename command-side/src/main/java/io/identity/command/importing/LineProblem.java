package io.identity.command.importing;

import java.util.Locale;

/** Why a line of an import was not imported: stable codes, part of the contract of the import's answer. */
enum LineProblem {
    /** Not one JSON object in UTF-8, or a field of the wrong JSON type ({@code emailVerified}, {@code createdAt}). */
    MALFORMED_LINE,
    /** Longer than {@link NdjsonLines#MAX_LINE_BYTES}: read past, never held. */
    LINE_TOO_LONG,
    /** Not 3 to 32 of a-z, 0-9, '.', '_' and '-' after NFKC and lower-casing. */
    INVALID_USERNAME,
    /** Missing, or not an address as registration takes it. */
    INVALID_EMAIL,
    /** Over 100 characters, or with control characters. */
    INVALID_DISPLAY_NAME,
    /** Not an ISO-8601 instant, or in the future. */
    INVALID_CREATED_AT,
    /** Not bcrypt, argon2id or PBKDF2-SHA-256 (PHC), or costs beyond what a sign-in may take. */
    UNSUPPORTED_HASH,
    /** Another account (or an earlier line of the file) has the address. */
    EMAIL_TAKEN;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
