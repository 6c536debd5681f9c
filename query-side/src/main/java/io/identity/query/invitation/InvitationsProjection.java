package io.identity.query.invitation;

import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationExpired;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import io.identity.events.mail.MailDelivery;
import io.identity.query.rebuild.ReadModel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code invitations} read model: status and, tracked apart, the delivery of the invitation mail. */
@ReadModel(tables = "invitations")
@Component
@ProcessingGroup("invitations")
class InvitationsProjection {

    private final JdbcTemplate jdbc;

    InvitationsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberInvited event) {
        jdbc.update("INSERT INTO invitations (invitation_id, company_id, email, role, status, invited_by, token_hash, "
                        + "created_at, expires_at) VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.invitationId(), event.companyId(), event.email(), event.role().name(), event.invitedBy(),
                event.tokenHash(), Timestamp.from(event.invitedAt()), Timestamp.from(event.expiresAt()));
    }

    /** A new link, a new mail: its delivery starts over. */
    @EventHandler
    void on(InvitationResent event) {
        jdbc.update("UPDATE invitations SET token_hash = ?, expires_at = ?, delivery_status = 'QUEUED' "
                + "WHERE invitation_id = ?", event.tokenHash(), Timestamp.from(event.expiresAt()), event.invitationId());
    }

    @EventHandler
    void on(InvitationAccepted event) {
        status(event.invitationId(), "ACCEPTED", event.acceptedAt());
    }

    @EventHandler
    void on(InvitationDeclined event) {
        status(event.invitationId(), "DECLINED", event.declinedAt());
    }

    @EventHandler
    void on(InvitationRevoked event) {
        status(event.invitationId(), "REVOKED", null);
    }

    @EventHandler
    void on(InvitationExpired event) {
        status(event.invitationId(), "EXPIRED", null);
    }

    @EventHandler
    void on(MailDelivery event) {
        if ("invitation".equals(event.template())) {
            jdbc.update("UPDATE invitations SET delivery_status = ?, delivery_attempts = ? WHERE invitation_id = ?",
                    event.status(), event.attempts(), event.subjectId());
        }
    }

    private void status(UUID invitationId, String status, Instant respondedAt) {
        jdbc.update("UPDATE invitations SET status = ?, responded_at = ? WHERE invitation_id = ?", status,
                respondedAt == null ? null : Timestamp.from(respondedAt), invitationId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE invitations");
    }
}
