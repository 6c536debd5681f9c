package io.identity.command.invitation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.command.kernel.EmailAddresses;
import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationExpired;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An invitation to join a company, with its own stream: invited, resent (a new link), then accepted, declined,
 * revoked or expired. It decides what only it knows: whether a link is its current one, whether it is still
 * pending, whether an address is the invited one. What its company decides (who may invite, resend and revoke,
 * with which role, until when, one per address) the {@code Company} decided before, in the same change; an
 * acceptance and the membership it gives are one change too ({@link InvitationFlows}). Invitations made before
 * they had streams of their own are read from their company's stream ({@link InvitationRepository}).
 */
@Aggregate(repository = "invitationRepository")
class Invitation {

    enum Status {
        PENDING,
        ACCEPTED,
        DECLINED,
        REVOKED,
        EXPIRED
    }

    @AggregateIdentifier
    private UUID invitationId;

    private UUID companyId;
    private String email;
    private UUID invitedBy;
    private String tokenHash;
    private Instant expiresAt;
    private Status status;

    /** Whom an answer concerns: the company to tell, who invited, and the address invited. */
    record Answer(UUID companyId, UUID invitedBy, String email) {
        @Override
        public String toString() {
            return "Answer[" + companyId + ", " + invitedBy + "]";
        }
    }

    Invitation() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Invitation(IssueInvitation command, Clock clock) {
        apply(new MemberInvited(
                command.invitationId(),
                command.companyId(),
                command.email(),
                command.role(),
                command.invitedBy(),
                command.tokenHash(),
                command.expiresAt(),
                clock.instant()));
    }

    /** A new link replaces the old one, which stops working; answers the address to mail it to. */
    @CommandHandler
    String handle(ResendInvitation command, Clock clock) {
        var now = clock.instant();
        requirePendingAt(now);
        apply(new InvitationResent(
                invitationId, companyId, command.tokenHash(), command.expiresAt(), command.actorId(), now));
        return email;
    }

    @CommandHandler
    void handle(RevokeInvitation command, Clock clock) {
        var now = clock.instant();
        requirePendingAt(now);
        apply(new InvitationRevoked(invitationId, companyId, command.actorId(), now));
    }

    /** The invitee's verified address must be the invited one. */
    @CommandHandler
    Answer handle(AcceptInvitation command, Clock clock) {
        var now = clock.instant();
        requireLink(command.tokenHash(), now);
        if (command.verifiedEmail() == null
                || !EmailAddresses.key(command.verifiedEmail()).equals(EmailAddresses.key(email))) {
            throw new IdentityException(
                    ErrorCode.INVITATION_EMAIL_MISMATCH,
                    "The invitation was sent to another address, or yours is not verified yet.");
        }
        apply(new InvitationAccepted(invitationId, companyId, command.userId(), now));
        return new Answer(companyId, invitedBy, email);
    }

    @CommandHandler
    Answer handle(DeclineInvitation command, Clock clock) {
        var now = clock.instant();
        requireLink(command.tokenHash(), now);
        apply(new InvitationDeclined(invitationId, companyId, now));
        return new Answer(companyId, invitedBy, email);
    }

    /** Idempotent: an invitation answered or closed meanwhile stays as it is. */
    @CommandHandler
    boolean handle(ExpireInvitation command, Clock clock) {
        if (status != Status.PENDING) {
            return false;
        }
        apply(new InvitationExpired(invitationId, companyId, clock.instant()));
        return true;
    }

    /** Idempotent too; a pending invitation is revoked even past its time, which nobody can answer any more. */
    @CommandHandler
    boolean handle(WithdrawInvitation command, Clock clock) {
        if (status != Status.PENDING) {
            return false;
        }
        apply(new InvitationRevoked(invitationId, companyId, command.revokedBy(), clock.instant()));
        return true;
    }

    /**
     * A link answers only while it is the current one ({@code 404} otherwise, as an unknown link) and the
     * invitation is pending ({@code 409}: answered, revoked, or past its time even before the expiry job ran).
     */
    private void requireLink(String presented, Instant now) {
        if (presented == null || !MessageDigest.isEqual(bytes(tokenHash), bytes(presented))) {
            throw IdentityException.notFound();
        }
        requirePendingAt(now);
    }

    private void requirePendingAt(Instant now) {
        if (status != Status.PENDING || !now.isBefore(expiresAt)) {
            throw new IdentityException(ErrorCode.INVITATION_NOT_PENDING, ErrorCode.INVITATION_NOT_PENDING.title());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @EventSourcingHandler
    void on(MemberInvited event) {
        invitationId = event.invitationId();
        companyId = event.companyId();
        email = event.email();
        invitedBy = event.invitedBy();
        tokenHash = event.tokenHash();
        expiresAt = event.expiresAt();
        status = Status.PENDING;
    }

    @EventSourcingHandler
    void on(InvitationResent event) {
        tokenHash = event.tokenHash();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(InvitationAccepted event) {
        status = Status.ACCEPTED;
    }

    @EventSourcingHandler
    void on(InvitationDeclined event) {
        status = Status.DECLINED;
    }

    @EventSourcingHandler
    void on(InvitationRevoked event) {
        status = Status.REVOKED;
    }

    @EventSourcingHandler
    void on(InvitationExpired event) {
        status = Status.EXPIRED;
    }
}
