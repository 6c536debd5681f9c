package io.identity.command.user;

import io.identity.events.user.EmailChangeRequested;
import io.identity.events.user.EmailChanged;
import io.identity.events.user.EmailVerificationRequested;
import io.identity.events.user.EmailVerified;
import io.identity.events.user.UserErased;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whose pending verification link a token hash is, kept in the transaction that appends the events (a
 * subscribing processor whose errors propagate, see {@link EmailVerificationConfiguration}). A user has at most
 * one row: a new request replaces the old, verification removes it.
 */
@Component
@ProcessingGroup(EmailVerificationTokens.GROUP)
class EmailVerificationTokens {

    static final String GROUP = "email-verification-tokens";

    private final JdbcTemplate jdbc;

    EmailVerificationTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> userFor(String tokenHash) {
        return jdbc
                .queryForList(
                        "SELECT user_id FROM email_verification_tokens WHERE token_hash = ?", UUID.class, tokenHash)
                .stream()
                .findFirst();
    }

    @EventHandler
    void on(EmailVerificationRequested event) {
        jdbc.update("DELETE FROM email_verification_tokens WHERE user_id = ?", event.userId());
        jdbc.update(
                "INSERT INTO email_verification_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                event.tokenHash(),
                event.userId(),
                Timestamp.from(event.expiresAt()));
    }

    /** A link to a new address is confirmed through the same endpoint, so it is looked up the same way. */
    @EventHandler
    void on(EmailChangeRequested event) {
        jdbc.update("DELETE FROM email_verification_tokens WHERE user_id = ?", event.userId());
        jdbc.update(
                "INSERT INTO email_verification_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                event.tokenHash(),
                event.userId(),
                Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(UserErased event) {
        jdbc.update("DELETE FROM email_verification_tokens WHERE user_id = ?", event.userId());
    }

    @EventHandler
    void on(EmailChanged event) {
        jdbc.update("DELETE FROM email_verification_tokens WHERE user_id = ?", event.userId());
    }

    @EventHandler
    void on(EmailVerified event) {
        jdbc.update("DELETE FROM email_verification_tokens WHERE user_id = ?", event.userId());
    }

    /** Expired links fail in the aggregate anyway; their rows only take room. Safe on every instance at once. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT3M")
    void purgeExpired() {
        jdbc.update("DELETE FROM email_verification_tokens WHERE expires_at < now()");
    }
}
