package io.identity.command.company;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyDeleted;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.CompanyUpdated;
import io.identity.events.company.MemberJoined;
import io.identity.events.company.MemberRemoved;
import io.identity.events.company.MemberRoleChanged;
import io.identity.events.company.RemovalReason;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A company and its members with their roles; every permission of §6 is decided here, from this state only.
 * To someone who is not a member (and to everyone once it is deleted) the company does not exist. Between commands
 * it is kept in memory, each use confirmed against the store ({@link io.identity.command.handling.CheckedAggregateCache}).
 */
@Aggregate(cache = "aggregateCache")
class Company {

    @AggregateIdentifier
    private UUID companyId;

    private final Map<UUID, CompanyRole> members = new HashMap<>();
    private final Map<String, String> details = new HashMap<>();
    private boolean deleted;
    /** The company's side of its invitations: their rules live in their own class. */
    @AggregateMember
    private final OpenInvitations invitations = new OpenInvitations(this);

    @AggregateMember
    private final InvitationPolicy invitationPolicy = new InvitationPolicy(this);

    Company() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Company(CreateCompany command, Clock clock) {
        var now = clock.instant();
        apply(new CompanyCreated(command.companyId(), command.name(), command.description(), command.ownerId(), now));
        apply(new MemberJoined(command.companyId(), command.ownerId(), CompanyRole.OWNER, now));
    }

    @CommandHandler
    void handle(UpdateCompany command, Clock clock) {
        requireManager(command.actorId());
        var changed = new LinkedHashMap<String, String>();
        command.values().forEach((field, value) -> {
            if (!Objects.equals(details.get(field), value)) {
                changed.put(field, value);
            }
        });
        if (!changed.isEmpty()) {
            apply(new CompanyUpdated(companyId, changed, command.actorId(), clock.instant()));
        }
    }

    /**
     * OWNERs change any role; ADMINs only between ADMIN and MEMBER; nobody leaves the company without an OWNER whose
     * account is active.
     */
    @CommandHandler
    void handle(ChangeMemberRole command, Clock clock, OwnerAccounts accounts) {
        var actor = roleOf(command.actorId());
        var current = targetRole(command.userId());
        if (current == command.role()) {
            return;
        }
        if (!mayManage(actor, current, command.role())) {
            throw forbidden("Your role does not allow this change.");
        }
        if (current == CompanyRole.OWNER && !activeOwnerRemainsWithout(command.userId(), accounts)) {
            throw lastOwner();
        }
        apply(new MemberRoleChanged(
                companyId, command.userId(), current, command.role(), command.actorId(), clock.instant()));
    }

    /**
     * Anyone may leave; OWNERs remove anyone, ADMINs anyone but OWNERs; nobody leaves the company without an OWNER
     * whose account is active.
     */
    @CommandHandler
    void handle(RemoveMember command, Clock clock, OwnerAccounts accounts) {
        var actor = roleOf(command.actorId());
        var target = targetRole(command.userId());
        var leaving = command.actorId().equals(command.userId());
        if (!leaving && !mayManage(actor, target, target)) {
            throw forbidden("Your role does not allow removing this member.");
        }
        if (target == CompanyRole.OWNER && !activeOwnerRemainsWithout(command.userId(), accounts)) {
            throw lastOwner();
        }
        apply(new MemberRemoved(
                companyId,
                command.userId(),
                leaving ? RemovalReason.LEFT : RemovalReason.REMOVED,
                command.actorId(),
                clock.instant()));
    }

    /**
     * Closes the company's open invitations, removes every member and archives it; answers the invitations it
     * closed, which are revoked in the same change (each in its own stream).
     */
    @CommandHandler
    List<UUID> handle(DeleteCompany command, Clock clock) {
        if (roleOf(command.actorId()) != CompanyRole.OWNER) {
            throw forbidden("Only an owner can delete the company.");
        }
        var now = clock.instant();
        var closed = invitations.closeAll(now);
        for (var member : List.copyOf(members.keySet())) {
            apply(new MemberRemoved(companyId, member, RemovalReason.COMPANY_DELETED, command.actorId(), now));
        }
        apply(new CompanyDeleted(companyId, command.actorId(), now));
        return closed;
    }

    UUID id() {
        return companyId;
    }

    String name() {
        return details.get("name");
    }

    boolean deleted() {
        return deleted;
    }

    boolean isMember(UUID userId) {
        return members.containsKey(userId);
    }

    InvitationPolicy invitationPolicy() {
        return invitationPolicy;
    }

    private static boolean mayManage(CompanyRole actor, CompanyRole from, CompanyRole to) {
        return actor == CompanyRole.OWNER
                || actor == CompanyRole.ADMIN && from != CompanyRole.OWNER && to != CompanyRole.OWNER;
    }

    void requireManager(UUID actorId) {
        var actor = roleOf(actorId);
        if (actor != CompanyRole.OWNER && actor != CompanyRole.ADMIN) {
            throw forbidden("Only owners and admins can change the company.");
        }
    }

    /** The actor's role; a non-member, or anyone once the company is deleted, finds nothing here. */
    CompanyRole roleOf(UUID actorId) {
        var role = deleted ? null : members.get(actorId);
        if (role == null) {
            throw IdentityException.notFound();
        }
        return role;
    }

    private CompanyRole targetRole(UUID userId) {
        var role = members.get(userId);
        if (role == null) {
            throw IdentityException.notFound();
        }
        return role;
    }

    /** Whether an OWNER whose account is active remains once this member is no longer one. */
    private boolean activeOwnerRemainsWithout(UUID userId, OwnerAccounts accounts) {
        var others = members.entrySet().stream()
                .filter(member -> member.getValue() == CompanyRole.OWNER
                        && !member.getKey().equals(userId))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return accounts.active(companyId, others) > 0;
    }

    static IdentityException forbidden(String detail) {
        return new IdentityException(ErrorCode.FORBIDDEN, detail);
    }

    private static IdentityException lastOwner() {
        return new IdentityException(ErrorCode.LAST_OWNER, ErrorCode.LAST_OWNER.title());
    }

    @EventSourcingHandler
    void on(CompanyCreated event) {
        companyId = event.companyId();
        details.put("name", event.name());
        details.put("description", event.description());
    }

    @EventSourcingHandler
    void on(CompanyUpdated event) {
        details.putAll(event.changed());
    }

    @EventSourcingHandler
    void on(MemberJoined event) {
        members.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(MemberRoleChanged event) {
        members.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        members.remove(event.userId());
    }

    @EventSourcingHandler
    void on(CompanyDeleted event) {
        deleted = true;
    }
}
