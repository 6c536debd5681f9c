package io.identity.command.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** The token body of the contract, with the RFC 6749 field names. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("refresh_expires_in") long refreshExpiresIn,
        @JsonProperty("session_id") UUID sessionId) {

    @Override
    public String toString() {
        return "TokenResponse[" + sessionId + "]";
    }
}
