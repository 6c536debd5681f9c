package io.identity.command.company;

import io.identity.events.company.CompanyRole;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Invite an address ({@code role} null: the company's default). {@code inviteeUserId} is the account that holds
 * the address, if any, so the company can tell an existing member; only the link token's hash is carried.
 */
public record InviteMember(@TargetAggregateIdentifier UUID companyId, UUID actorId, UUID invitationId, String email,
                           CompanyRole role, UUID inviteeUserId, String tokenHash) {

    @Override
    public String toString() {
        return "InviteMember[" + companyId + ", " + invitationId + "]";
    }
}
