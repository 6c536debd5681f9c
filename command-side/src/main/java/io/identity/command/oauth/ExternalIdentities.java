package io.identity.command.oauth;

import io.identity.events.user.ExternalIdentityLinked;
import io.identity.events.user.ExternalIdentityUnlinked;
import io.identity.events.user.UserErased;
import java.util.List;
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
public class ExternalIdentities {

    static final String GROUP = "external-identities";

    private final JdbcTemplate jdbc;

    ExternalIdentities(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> owner(String provider, String subject) {
        return jdbc
                .queryForList(
                        "SELECT user_id FROM external_identities WHERE provider = ? AND subject = ?",
                        UUID.class,
                        provider,
                        subject)
                .stream()
                .findFirst();
    }

    @EventHandler
    void on(ExternalIdentityLinked event) {
        jdbc.update(
                "INSERT INTO external_identities (provider, subject, user_id) VALUES (?, ?, ?)",
                event.provider(),
                event.subject(),
                event.userId());
    }

    @EventHandler
    void on(ExternalIdentityUnlinked event) {
        jdbc.update(
                "DELETE FROM external_identities WHERE user_id = ? AND provider = ?", event.userId(), event.provider());
    }

    /**
     * The providers linked to a user, by id, sorted: for the mails that tell a person which accounts elsewhere
     * can sign them in.
     */
    public List<String> providersOf(UUID userId) {
        return jdbc.queryForList(
                "SELECT provider FROM external_identities WHERE user_id = ? ORDER BY provider", String.class, userId);
    }

    /** An erased person's accounts elsewhere may sign up afresh; their pending link codes go with them. */
    @EventHandler
    void on(UserErased event) {
        jdbc.update("DELETE FROM external_identities WHERE user_id = ?", event.userId());
        jdbc.update("DELETE FROM oauth_link_codes WHERE user_id = ?", event.userId());
    }
}
