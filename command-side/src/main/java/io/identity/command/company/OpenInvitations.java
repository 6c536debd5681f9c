package io.identity.command.company;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.command.kernel.EmailAddresses;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.InvitationClosed;
import io.identity.events.company.InvitationOpened;
import io.identity.events.company.MemberJoined;
import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationExpired;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The company's side of its invitations, an entity of the {@link Company}: who may invite, resend and revoke (§6),
 * to which addresses, with which role and expiry, and which invitations are still open, one per address. Each
 * invitation's life is its own aggregate's ({@code Invitation}); the company keeps of it only what its rules need,
 * from its own events: {@code InvitationOpened} and {@code InvitationClosed}, and, for invitations made when they
 * lived in the company's stream, the invitation events stored there then.
 */
class OpenInvitations {

    private final Company company;
    /** By invitation id, in the order they were made. */
    private final Map<UUID, Entry> invitations = new LinkedHashMap<>();

    OpenInvitations(Company company) {
        this.company = company;
    }

    /** An invitation as the company counts it: the address only as its hash. */
    record Entry(String addressHash, CompanyRole role, UUID invitedBy, boolean open) {

        Entry closed() {
            return new Entry(addressHash, role, invitedBy, false);
        }
    }

    Optional<Entry> find(UUID invitationId) {
        return Optional.ofNullable(invitations.get(invitationId));
    }

    /**
     * OWNERs invite with any role, ADMINs with ADMIN or MEMBER; the address must be of an allowed domain, not a
     * member's, and not invited already by an invitation still open.
     */
    @CommandHandler
    InvitationTerms handle(InviteMember command, Clock clock) {
        company.requireManager(command.actorId());
        var role = command.role() != null
                ? command.role()
                : company.invitationPolicy().defaultRole();
        if (role == CompanyRole.OWNER && company.roleOf(command.actorId()) != CompanyRole.OWNER) {
            throw Company.forbidden("Only owners invite owners.");
        }
        var domain =
                command.email().substring(command.email().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!company.invitationPolicy().allowedEmailDomains().isEmpty()
                && !company.invitationPolicy().allowedEmailDomains().contains(domain)) {
            throw IdentityException.validation(List.of(new FieldViolation(
                    "email",
                    "must be an address of "
                            + String.join(", ", company.invitationPolicy().allowedEmailDomains()))));
        }
        if (command.inviteeUserId() != null && company.isMember(command.inviteeUserId())) {
            throw new IdentityException(ErrorCode.ALREADY_MEMBER, ErrorCode.ALREADY_MEMBER.title());
        }
        var address = EmailAddresses.hash(command.email());
        if (invitations.values().stream()
                .anyMatch(entry -> entry.open() && entry.addressHash().equals(address))) {
            throw new IdentityException(ErrorCode.INVITATION_PENDING, ErrorCode.INVITATION_PENDING.title());
        }
        var now = clock.instant();
        apply(new InvitationOpened(company.id(), command.invitationId(), address, role, command.actorId(), now));
        return new InvitationTerms(company.name(), role, expiry(now));
    }

    /** A new link for an open invitation: the expiry starts over, by the company's setting now. */
    @CommandHandler
    InvitationTerms handle(RenewInvitation command, Clock clock) {
        var entry = manageable(command.actorId(), command.invitationId());
        return new InvitationTerms(company.name(), entry.role(), expiry(clock.instant()));
    }

    @CommandHandler
    void handle(CancelInvitation command, Clock clock) {
        manageable(command.actorId(), command.invitationId());
        apply(new InvitationClosed(company.id(), command.invitationId(), clock.instant()));
    }

    /** The invitee joins with the invited role (unless a member already); the invitation is closed with it. */
    @CommandHandler
    String handle(JoinByInvitation command, Clock clock) {
        var entry = invitations.get(command.invitationId());
        if (company.deleted() || entry == null || !entry.open()) {
            throw new IdentityException(ErrorCode.INVITATION_NOT_PENDING, ErrorCode.INVITATION_NOT_PENDING.title());
        }
        var now = clock.instant();
        if (!company.isMember(command.userId())) {
            apply(new MemberJoined(company.id(), command.userId(), entry.role(), now));
        }
        apply(new InvitationClosed(company.id(), command.invitationId(), now));
        return company.name();
    }

    /** Idempotent; a deleted company closed every open invitation when it was deleted and counts none after. */
    @CommandHandler
    String handle(CloseInvitation command, Clock clock) {
        var entry = invitations.get(command.invitationId());
        if (!company.deleted() && entry != null && entry.open()) {
            apply(new InvitationClosed(company.id(), command.invitationId(), clock.instant()));
        }
        return company.name();
    }

    /** Closes every open invitation, as the company is deleted: the ones to revoke. */
    List<UUID> closeAll(Instant now) {
        var open = invitations.entrySet().stream()
                .filter(entry -> entry.getValue().open())
                .map(Map.Entry::getKey)
                .toList();
        open.forEach(invitationId -> apply(new InvitationClosed(company.id(), invitationId, now)));
        return open;
    }

    /** An open invitation of this company the actor may act on: ADMINs not on invitations of OWNERs. */
    private Entry manageable(UUID actorId, UUID invitationId) {
        company.requireManager(actorId);
        var entry = find(invitationId).orElseThrow(IdentityException::notFound);
        if (entry.role() == CompanyRole.OWNER && company.roleOf(actorId) != CompanyRole.OWNER) {
            throw Company.forbidden("Only owners act on invitations of owners.");
        }
        if (!entry.open()) {
            throw new IdentityException(ErrorCode.INVITATION_NOT_PENDING, ErrorCode.INVITATION_NOT_PENDING.title());
        }
        return entry;
    }

    private Instant expiry(Instant now) {
        return now.plus(Duration.ofDays(company.invitationPolicy().expiryDays()));
    }

    @EventSourcingHandler
    void on(InvitationOpened event) {
        invitations.put(event.invitationId(), new Entry(event.addressHash(), event.role(), event.openedBy(), true));
    }

    @EventSourcingHandler
    void on(InvitationClosed event) {
        close(event.invitationId());
    }

    private void close(UUID invitationId) {
        invitations.computeIfPresent(invitationId, (id, entry) -> entry.closed());
    }

    // Invitations made before each had a stream of its own: their events are in this stream, and stay there.

    @EventSourcingHandler
    void on(MemberInvited event) {
        invitations.put(
                event.invitationId(),
                new Entry(EmailAddresses.hash(event.email()), event.role(), event.invitedBy(), true));
    }

    @EventSourcingHandler
    void on(InvitationAccepted event) {
        close(event.invitationId());
    }

    @EventSourcingHandler
    void on(InvitationDeclined event) {
        close(event.invitationId());
    }

    @EventSourcingHandler
    void on(InvitationRevoked event) {
        close(event.invitationId());
    }

    @EventSourcingHandler
    void on(InvitationExpired event) {
        close(event.invitationId());
    }
}
