package io.identity.command.privacy;

import io.identity.command.auth.RefreshTokens;
import io.identity.command.company.CompanyMembers;
import io.identity.command.credential.Throttle;
import io.identity.command.handling.CheckedAggregateCache;
import io.identity.command.handling.Commands;
import io.identity.command.invitation.InvitationLookup;
import io.identity.command.invitation.InvitationShredder;
import io.identity.command.mail.Outbox;
import io.identity.command.oidc.ClientGrants;
import io.identity.command.session.SessionTerminator;
import io.identity.command.user.EraseUser;
import io.identity.events.session.SessionEndReason;
import io.identity.support.privacy.PersonalDataKeys;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Erasing a person: the events stay (the history of companies and the audit need their facts) but the person's
 * data key is deleted last, after every event of the change is stored, so all their personal fields read back
 * erased; the command side's own rows about them go, with the invitations sent to any address they verified, and
 * the query side purges its rows on {@code UserErased}.
 */
@Component
public class Erasure {

    private final CompanyMembers companies;
    private final Commands commands;
    private final CommandGateway gateway;
    private final SessionTerminator sessions;
    private final RefreshTokens refreshTokens;
    private final ClientGrants grants;
    private final List<Throttle> throttles;
    private final Outbox outbox;
    private final PersonalDataKeys keys;
    private final InvitationLookup invitations;
    private final InvitationShredder shredder;
    private final CheckedAggregateCache aggregates;

    Erasure(
            CompanyMembers companies,
            Commands commands,
            CommandGateway gateway,
            SessionTerminator sessions,
            RefreshTokens refreshTokens,
            ClientGrants grants,
            List<Throttle> throttles,
            Outbox outbox,
            PersonalDataKeys keys,
            InvitationLookup invitations,
            InvitationShredder shredder,
            CheckedAggregateCache aggregates) {
        this.companies = companies;
        this.commands = commands;
        this.gateway = gateway;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.throttles = List.copyOf(throttles);
        this.outbox = outbox;
        this.keys = keys;
        this.invitations = invitations;
        this.shredder = shredder;
        this.aggregates = aggregates;
    }

    /** Erases the person, unless they are the only active owner of a company ({@code 409 last_owner}). */
    public Commands.Stored<Object> erase(UUID userId) {
        return erase(userId, true);
    }

    /**
     * Erases the person again, whatever their companies: an erasure recorded in the erasure log that the database
     * no longer shows (it was restored from a backup taken before it) was decided then and is owed still.
     */
    public Commands.Stored<Object> reapply(UUID userId) {
        return erase(userId, false);
    }

    private Commands.Stored<Object> erase(UUID userId, boolean lastOwnerRule) {
        // the invitations they accepted, and every invitation to an address they proved theirs, then or before
        var shredded = new LinkedHashSet<>(invitations.acceptedBy(userId));
        shredded.addAll(invitations.sentToAddressesOf(userId));
        return commands.run(() -> {
            if (lastOwnerRule) {
                requireNotSoleOwner(userId);
            }
            sessions.endAll(userId, null, SessionEndReason.ACCOUNT_CLOSED);
            // their consents end before the erasure, as their sessions do: nothing of theirs follows it
            grants.forgetUser(userId);
            gateway.sendAndWait(new EraseUser(userId, List.copyOf(shredded)));
            refreshTokens.forgetUser(userId);
            throttles.forEach(throttle -> throttle.forget("user:" + userId));
            outbox.forget(userId);
            keys.erase(userId);
            // the invitations sent to their address are theirs too: shredded with them, mails and all
            shredder.shred(List.copyOf(shredded));
            // kept aggregates hold data in clear, as snapshots do: the User, and a Company's invitations to their
            // address; erasures are rare, so every kept aggregate goes
            aggregates.removeAll();
            return null;
        });
    }

    /** Shreds again invitations to an erased address whose keys a restore brought back. */
    public void reshred(List<UUID> invitationIds) {
        commands.run(() -> {
            shredder.shred(invitationIds);
            return null;
        });
        aggregates.removeAll();
    }

    /** Nobody leaves a company without an active OWNER: ownership is handed on first. */
    public void requireNotSoleOwner(UUID userId) {
        if (!companies.soleOwnerships(userId).isEmpty()) {
            throw new IdentityException(
                    ErrorCode.LAST_OWNER, "You are the only owner of a company: make someone else an owner first.");
        }
    }
}
