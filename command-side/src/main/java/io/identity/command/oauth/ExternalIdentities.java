package io.identity.command.oauth;

import io.identity.events.user.ExternalIdentityLinked;
import io.identity.events.user.ExternalIdentityUnlinked;
import io.identity.events.user.UserErased;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which user a provider's account signs in: the lookup of {@code external_identities}, written by the events
 * that link and unlink, in their own transaction (a subscribing processor whose errors propagate). Its primary
 * key is the rule that one provider account belongs to one user, across every instance.
 */
@Component
@ProcessingGroup(ExternalIdentities.GROUP)
class ExternalIdentities {

    static final String GROUP = "external-identities";

    private final JdbcTemplate jdbc;

    ExternalIdentities(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> owner(String provider, String subject) {
        return jdbc.queryForList("SELECT user_id FROM external_identities WHERE provider = ? AND subject = ?",
                UUID.class, provider, subject).stream().findFirst();
    }

    @EventHandler
    void on(ExternalIdentityLinked event) {
        jdbc.update("INSERT INTO external_identities (provider, subject, user_id) VALUES (?, ?, ?)",
                event.provider(), event.subject(), event.userId());
    }

    @EventHandler
    void on(ExternalIdentityUnlinked event) {
        jdbc.update("DELETE FROM external_identities WHERE user_id = ? AND provider = ?", event.userId(),
                event.provider());
    }

    /** An erased person's accounts elsewhere may sign up afresh. */
    @EventHandler
    void on(UserErased event) {
        jdbc.update("DELETE FROM external_identities WHERE user_id = ?", event.userId());
    }
}
