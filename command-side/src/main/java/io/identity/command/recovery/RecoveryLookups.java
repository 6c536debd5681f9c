package io.identity.command.recovery;

import io.identity.events.user.PasswordChanged;
import io.identity.events.user.PasswordReset;
import io.identity.events.user.PasswordResetRequested;
import io.identity.events.user.SecurityQuestion;
import io.identity.events.user.SecurityQuestionsSet;
import io.identity.events.user.UserErased;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What recovery needs to look up, kept in the transaction that appends the events (a subscribing processor
 * whose errors propagate): whose reset link a token hash is, and each user's questions with answer hashes.
 */
@Component
@ProcessingGroup(RecoveryLookups.GROUP)
class RecoveryLookups {

    static final String GROUP = "recovery-lookups";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SecurityQuestion>> QUESTIONS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;

    RecoveryLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> userForResetToken(String tokenHash) {
        return jdbc
                .queryForList("SELECT user_id FROM password_reset_tokens WHERE token_hash = ?", UUID.class, tokenHash)
                .stream()
                .findFirst();
    }

    /** The user's questions in order, or empty when not enrolled. */
    List<SecurityQuestion> questionsOf(UUID userId) {
        return jdbc
                .queryForList("SELECT questions FROM security_questions WHERE user_id = ?", String.class, userId)
                .stream()
                .findFirst()
                .map(json -> JSON.readValue(json, QUESTIONS))
                .orElse(List.of());
    }

    @EventHandler
    void on(PasswordResetRequested event) {
        jdbc.update("DELETE FROM password_reset_tokens WHERE user_id = ?", event.userId());
        jdbc.update(
                "INSERT INTO password_reset_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                event.tokenHash(),
                event.userId(),
                Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(PasswordReset event) {
        jdbc.update("DELETE FROM password_reset_tokens WHERE user_id = ?", event.userId());
    }

    /** A pending link asked to replace a password that has been replaced meanwhile. */
    @EventHandler
    void on(PasswordChanged event) {
        jdbc.update("DELETE FROM password_reset_tokens WHERE user_id = ?", event.userId());
    }

    @EventHandler
    void on(SecurityQuestionsSet event) {
        jdbc.update(
                "INSERT INTO security_questions (user_id, questions) VALUES (?, ?) ON CONFLICT (user_id) "
                        + "DO UPDATE SET questions = EXCLUDED.questions",
                event.userId(),
                JSON.writeValueAsString(event.questions()));
    }

    @EventHandler
    void on(UserErased event) {
        jdbc.update("DELETE FROM password_reset_tokens WHERE user_id = ?", event.userId());
        jdbc.update("DELETE FROM security_questions WHERE user_id = ?", event.userId());
    }

    /** Expired links fail in the aggregate anyway; their rows only take room. Safe on every instance at once. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT4M")
    void purgeExpired() {
        jdbc.update("DELETE FROM password_reset_tokens WHERE expires_at < now()");
    }
}
