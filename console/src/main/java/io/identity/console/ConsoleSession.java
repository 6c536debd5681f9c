package io.identity.console;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A browser's sign-in, kept in a sealed, httpOnly cookie so that any instance can serve the next page: the
 * tokens the API issued, the session they belong to, and the newest event position this browser caused (sent as
 * {@code X-Min-Position}, so every page shows the browser's own changes).
 */
record ConsoleSession(
        @JsonProperty("a") String accessToken,
        @JsonProperty("r") String refreshToken,
        @JsonProperty("s") String sessionId,
        @JsonProperty("p") Long position) {

    ConsoleSession withPosition(Long newer) {
        if (newer == null || position != null && position >= newer) {
            return this;
        }
        return new ConsoleSession(accessToken, refreshToken, sessionId, newer);
    }

    @Override
    public String toString() {
        return "ConsoleSession[" + sessionId + "]";
    }
}
