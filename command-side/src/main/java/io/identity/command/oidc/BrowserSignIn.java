package io.identity.command.oidc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * The person a browser is signed in as on the hosted pages, as the authorization endpoint sees them: the user,
 * the pages' session (the single sign-on session) and when it began ({@code auth_time}). Its name is the user id,
 * which becomes the tokens' {@code sub}.
 */
final class BrowserSignIn extends AbstractAuthenticationToken {

    private final UUID userId;
    private final UUID signInSession;
    private final Instant authTime;

    BrowserSignIn(UUID userId, UUID signInSession, Instant authTime) {
        super(List.of());
        this.userId = userId;
        this.signInSession = signInSession;
        this.authTime = authTime;
        setAuthenticated(true);
    }

    UUID userId() {
        return userId;
    }

    /** The hosted pages' session this sign-in belongs to; null when it is not known (read back from storage). */
    UUID signInSession() {
        return signInSession;
    }

    Instant authTime() {
        return authTime;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return userId.toString();
    }

    @Override
    public String getName() {
        return userId.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BrowserSignIn that
                && userId.equals(that.userId)
                && java.util.Objects.equals(signInSession, that.signInSession);
    }

    @Override
    public int hashCode() {
        return userId.hashCode();
    }
}
