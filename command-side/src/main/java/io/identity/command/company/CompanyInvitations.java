package io.identity.command.company;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.command.user.Accounts;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationExpired;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The invitation commands of a {@link Company}: an entity of the aggregate, deciding with the company's members,
 * roles and settings (read from the root it belongs to) and its own {@link Invitations}.
 */
class CompanyInvitations {

    private final Company company;
    private final Invitations invitations = new Invitations();

    CompanyInvitations(Company company) {
        this.company = company;
    }

    /** What an invitation's mail and response need to say. */
    record Invited(String companyName, Instant expiresAt, String email) {
        @Override
        public String toString() {
            return "Invited[" + expiresAt + "]";
        }
    }


    /** Who to tell of an answer, and what about. */
    record Answered(UUID inviterId, String email, String companyName) {
        @Override
        public String toString() {
            return "Answered[" + inviterId + "]";
        }
    }

    Optional<Invitations.Invitation> find(UUID invitationId) {
        return invitations.find(invitationId);
    }

    /** The invitations still pending at {@code now}, which a deleted company revokes. */
    List<Invitations.Invitation> pendingAt(Instant now) {
        var pending = new ArrayList<Invitations.Invitation>();
        invitations.all().forEach(invitation -> {
            if (invitation.pendingAt(now)) {
                pending.add(invitation);
            }
        });
        return pending;
    }

    /**
     * OWNERs invite with any role, ADMINs with ADMIN or MEMBER; the address must be of an allowed domain, not a
     * member's, and not already invited and pending.
     */
    @CommandHandler
    Invited handle(InviteMember command, Clock clock) {
        company.requireManager(command.actorId());
        var role = command.role() != null ? command.role() : company.defaultInvitationRole();
        if (role == CompanyRole.OWNER && company.roleOf(command.actorId()) != CompanyRole.OWNER) {
            throw Company.forbidden("Only owners invite owners.");
        }
        var domain = command.email().substring(command.email().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!company.allowedEmailDomains().isEmpty() && !company.allowedEmailDomains().contains(domain)) {
            throw IdentityException.validation(List.of(new FieldViolation("email",
                    "must be an address of " + String.join(", ", company.allowedEmailDomains()))));
        }
        if (command.inviteeUserId() != null && company.isMember(command.inviteeUserId())) {
            throw new IdentityException(ErrorCode.ALREADY_MEMBER, ErrorCode.ALREADY_MEMBER.title());
        }
        var now = clock.instant();
        if (invitations.pendingFor(command.email(), now)) {
            throw new IdentityException(ErrorCode.INVITATION_PENDING, ErrorCode.INVITATION_PENDING.title());
        }
        var expiresAt = now.plus(Duration.ofDays(company.invitationExpiryDays()));
        apply(new MemberInvited(command.invitationId(), company.id(), command.email(), role, command.actorId(),
                command.tokenHash(), expiresAt, now));
        return new Invited(company.name(), expiresAt, command.email());
    }

    /** A new link for a pending invitation; the old one stops working and the expiry starts over. */
    @CommandHandler
    Invited handle(ResendInvitation command, Clock clock) {
        var invitation = manageable(command.actorId(), command.invitationId(), clock);
        var now = clock.instant();
        var expiresAt = now.plus(Duration.ofDays(company.invitationExpiryDays()));
        apply(new InvitationResent(invitation.id(), company.id(), command.tokenHash(), expiresAt, command.actorId(),
                now));
        return new Invited(company.name(), expiresAt, invitation.email());
    }

    @CommandHandler
    void handle(RevokeInvitation command, Clock clock) {
        var invitation = manageable(command.actorId(), command.invitationId(), clock);
        apply(new InvitationRevoked(invitation.id(), company.id(), command.actorId(), clock.instant()));
    }

    /** A pending invitation the actor may act on: ADMINs not on invitations of OWNERs. */
    private Invitations.Invitation manageable(UUID actorId, UUID invitationId, Clock clock) {
        company.requireManager(actorId);
        var invitation = invitations.find(invitationId).orElseThrow(IdentityException::notFound);
        if (invitation.role() == CompanyRole.OWNER && company.roleOf(actorId) != CompanyRole.OWNER) {
            throw Company.forbidden("Only owners act on invitations of owners.");
        }
        if (!invitation.pendingAt(clock.instant())) {
            throw new IdentityException(ErrorCode.INVITATION_NOT_PENDING, ErrorCode.INVITATION_NOT_PENDING.title());
        }
        return invitation;
    }

    /**
     * The invitee joins with the invited role; their verified address must be the invited one. Invitation and
     * membership are recorded together, so neither can exist without the other.
     */
    @CommandHandler
    Answered handle(AcceptInvitation command, Clock clock) {
        var now = clock.instant();
        var invitation = live().byLink(command.invitationId(), command.tokenHash(), now);
        if (command.verifiedEmail() == null
                || !Accounts.emailKey(command.verifiedEmail()).equals(Accounts.emailKey(invitation.email()))) {
            throw new IdentityException(ErrorCode.INVITATION_EMAIL_MISMATCH,
                    "The invitation was sent to another address, or yours is not verified yet.");
        }
        apply(new InvitationAccepted(invitation.id(), company.id(), command.userId(), now));
        if (!company.isMember(command.userId())) {
            apply(new MemberJoined(company.id(), command.userId(), invitation.role(), now));
        }
        return new Answered(invitation.invitedBy(), invitation.email(), company.name());
    }


    @CommandHandler
    Answered handle(DeclineInvitation command, Clock clock) {
        var now = clock.instant();
        var invitation = live().byLink(command.invitationId(), command.tokenHash(), now);
        apply(new InvitationDeclined(invitation.id(), company.id(), now));
        return new Answered(invitation.invitedBy(), invitation.email(), company.name());
    }

    /** Closing is idempotent: an invitation answered or closed meanwhile stays as it is. */
    @CommandHandler
    void handle(ExpireInvitation command, Clock clock) {
        var invitation = invitations.find(command.invitationId());
        if (invitation.isPresent() && invitation.get().status() == Invitations.Status.PENDING) {
            apply(new InvitationExpired(command.invitationId(), company.id(), clock.instant()));
        }
    }

    /** Withdrawing is idempotent too; it is the invitee's doing, so nobody of the company is named. */
    @CommandHandler
    void handle(WithdrawInvitation command, Clock clock) {
        var invitation = invitations.find(command.invitationId());
        if (invitation.isPresent() && invitation.get().status() == Invitations.Status.PENDING) {
            apply(new InvitationRevoked(command.invitationId(), company.id(), null, clock.instant()));
        }
    }

    private Invitations live() {
        if (company.deleted()) {
            throw IdentityException.notFound();
        }
        return invitations;
    }

    @EventSourcingHandler
    void on(MemberInvited event) {
        invitations.on(event);
    }

    @EventSourcingHandler
    void on(InvitationResent event) {
        invitations.on(event);
    }

    @EventSourcingHandler
    void on(InvitationRevoked event) {
        invitations.on(event);
    }

    @EventSourcingHandler
    void on(InvitationAccepted event) {
        invitations.on(event);
    }

    @EventSourcingHandler
    void on(InvitationDeclined event) {
        invitations.on(event);
    }

    @EventSourcingHandler
    void on(InvitationExpired event) {
        invitations.on(event);
    }

}
