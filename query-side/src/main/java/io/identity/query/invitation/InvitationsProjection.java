package io.identity.query.invitation;

import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationExpired;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import io.identity.events.mail.MailDelivery;
import io.identity.events.privacy.AddressErased;
import io.identity.events.user.UserErased;
import io.identity.query.processing.ProjectionJdbc;
import io.identity.query.rebuild.ReadModel;
import io.identity.support.privacy.PersonalDataKeys;
import io.identity.support.privacy.ProtectingSerializer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * The {@code invitations} read model: status and, tracked apart in {@code invitation_deliveries}, the delivery of
 * the invitation mail.
 */
@ReadModel(
        tables = {"invitations", "invitation_deliveries"},
        sharedByGroup = "erased_users")
@Component
@ProcessingGroup("invitations")
class InvitationsProjection {

    private final ProjectionJdbc jdbc;
    private final PersonalDataKeys keys;

    InvitationsProjection(ProjectionJdbc jdbc, PersonalDataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @EventHandler
    void on(MemberInvited event) {
        jdbc.later(
                "INSERT INTO invitations (invitation_id, company_id, email, role, status, invited_by, token_hash, "
                        + "created_at, expires_at) VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.invitationId(),
                event.companyId(),
                event.email(),
                event.role().name(),
                event.invitedBy(),
                event.tokenHash(),
                Timestamp.from(event.invitedAt()),
                Timestamp.from(event.expiresAt()));
    }

    /** A new link, a new mail: its delivery starts over, and the word on an earlier mail no longer counts. */
    @EventHandler
    void on(InvitationResent event) {
        jdbc.later(
                "UPDATE invitations SET token_hash = ?, expires_at = ? WHERE invitation_id = ?",
                event.tokenHash(),
                Timestamp.from(event.expiresAt()),
                event.invitationId());
        delivery(event.invitationId(), "QUEUED", 0, event.resentAt());
    }

    /** Who accepted is kept: their erasure takes the address with them, even one processed before this. */
    @EventHandler
    void on(InvitationAccepted event) {
        jdbc.later(
                "UPDATE invitations SET status = 'ACCEPTED', responded_at = ?, accepted_by = ?, "
                        + "email = CASE WHEN EXISTS (SELECT 1 FROM erased_users WHERE processing_group = 'invitations' "
                        + "AND user_id = ?) THEN ? ELSE email END WHERE invitation_id = ?",
                Timestamp.from(event.acceptedAt()),
                event.userId(),
                event.userId(),
                ProtectingSerializer.ERASED,
                event.invitationId());
    }

    /**
     * The invitations an erased person accepted were sent to their address: it reads as the store now reads it
     * (the command side shredded the invitations' keys), and this instance forgets those keys at once.
     */
    @EventHandler
    void on(UserErased event) {
        jdbc.later(
                "INSERT INTO erased_users (processing_group, user_id) VALUES ('invitations', ?) "
                        + "ON CONFLICT DO NOTHING",
                event.userId());
        jdbc.queryForList(
                        "UPDATE invitations SET email = ? WHERE accepted_by = ? OR invitation_id = ANY(?) "
                                + "RETURNING invitation_id",
                        UUID.class,
                        ProtectingSerializer.ERASED,
                        event.userId(),
                        event.invitationIds().toArray(UUID[]::new))
                .forEach(keys::forget);
    }

    /** The invitations to an erased address: it reads as the store now reads it, and their keys are forgotten. */
    @EventHandler
    void on(AddressErased event) {
        jdbc.queryForList(
                        "UPDATE invitations SET email = ? WHERE invitation_id = ANY(?) RETURNING invitation_id",
                        UUID.class,
                        ProtectingSerializer.ERASED,
                        event.invitationIds().toArray(UUID[]::new))
                .forEach(keys::forget);
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

    /**
     * Kept in a row of its own rather than on the invitation: a MailDelivery has no aggregate, so it is sequenced by
     * its own id and may be processed before its MemberInvited (or after a later resend), where an update of the
     * invitation would find nothing. A sequencing policy putting both in one segment would need the invitation's
     * company, which the MailDelivery does not carry, and would still leave a replay to a race between segments.
     */
    @EventHandler
    void on(MailDelivery event) {
        if ("invitation".equals(event.template())) {
            delivery(event.subjectId(), event.status().name(), event.attempts(), event.at());
        }
    }

    /** The newest word wins, by its time and then its attempts, in any order; the same word again changes nothing. */
    private void delivery(UUID invitationId, String status, int attempts, Instant at) {
        jdbc.later(
                "INSERT INTO invitation_deliveries AS d (invitation_id, status, attempts, at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (invitation_id) DO UPDATE SET status = EXCLUDED.status, "
                        + "attempts = EXCLUDED.attempts, at = EXCLUDED.at WHERE (d.at, d.attempts) < (EXCLUDED.at, "
                        + "EXCLUDED.attempts)",
                invitationId,
                status,
                attempts,
                Timestamp.from(at));
    }

    private void status(UUID invitationId, String status, Instant respondedAt) {
        jdbc.later(
                "UPDATE invitations SET status = ?, responded_at = ? WHERE invitation_id = ?",
                status,
                respondedAt == null ? null : Timestamp.from(respondedAt),
                invitationId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE invitations, invitation_deliveries");
        jdbc.update("DELETE FROM erased_users WHERE processing_group = 'invitations'");
    }
}
