package io.identity.command.consent;

import io.identity.command.handling.Commands;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records, once, the consents given before consents were events: every row of {@code oauth2_authorization_consent}
 * becomes a {@link GrantConsent}, which changes nothing for a consent that already is one (the same scopes), so
 * each can then be listed in the audit and revoked like any other. One instance does it (recorded in
 * {@code lookup_backfills} under a transaction lock).
 */
@Component
class ConsentBackfill {

    static final String NAME = "oidc_consents";
    private static final Logger log = LoggerFactory.getLogger(ConsentBackfill.class);
    private static final int LOCK = 0x434f4e53;

    private final JdbcTemplate jdbc;
    private final Commands commands;

    ConsentBackfill(JdbcTemplate jdbc, Commands commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        try {
            var recorded = record();
            if (recorded > 0) {
                log.info("Recorded {} consents given before consents were events", recorded);
            }
        } catch (RuntimeException e) {
            // the next start tries again
            log.warn(
                    "Could not record the consents given before consents were events: {}",
                    e.getClass().getSimpleName());
        }
    }

    int record() {
        return commands.run(() -> {
                    jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK);
                    if (jdbc.queryForObject("SELECT count(*) FROM lookup_backfills WHERE name = ?", Integer.class, NAME)
                            > 0) {
                        return 0;
                    }
                    var rows = jdbc.queryForList(
                            "SELECT registered_client_id, principal_name, authorities FROM oauth2_authorization_consent");
                    var count = 0;
                    for (var row : rows) {
                        var scopes = ConsentLookup.scopes((String) row.get("authorities"));
                        if (!scopes.isEmpty()) {
                            commands.send(new GrantConsent(
                                    UUID.fromString((String) row.get("principal_name")),
                                    (String) row.get("registered_client_id"),
                                    scopes));
                            count++;
                        }
                    }
                    jdbc.update("INSERT INTO lookup_backfills (name, done_at) VALUES (?, now())", NAME);
                    return count;
                })
                .result();
    }
}
