package io.identity.command.company;

import io.identity.events.invitation.MemberInvited;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Invitation id to company id, kept in the transaction of the invitation's event. */
@Component
@ProcessingGroup(InvitationIndex.GROUP)
class InvitationIndex {

    static final String GROUP = "invitation-index";

    private final JdbcTemplate jdbc;

    InvitationIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> companyOf(UUID invitationId) {
        return jdbc.queryForList("SELECT company_id FROM invitation_index WHERE invitation_id = ?", UUID.class,
                invitationId).stream().findFirst();
    }

    @EventHandler
    void on(MemberInvited event) {
        jdbc.update("INSERT INTO invitation_index (invitation_id, company_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.invitationId(), event.companyId());
    }
}
