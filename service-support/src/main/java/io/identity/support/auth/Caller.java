package io.identity.support.auth;

import java.util.UUID;

/** The authenticated user behind a request, as its access token says. Declare it as a controller parameter. */
public record Caller(UUID userId, UUID sessionId, String username, String email, boolean emailVerified) {}
