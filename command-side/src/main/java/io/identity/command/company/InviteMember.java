package io.identity.command.company;

import io.identity.events.company.CompanyRole;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The company's part of an invitation: may the actor invite this address with this role ({@code role} null: the
 * company's default)? {@code inviteeUserId} is the account that holds the address, if any, so the company can
 * tell an existing member. The invitation itself is made next, in the same change ({@code IssueInvitation}).
 */
public record InviteMember(
        @TargetAggregateIdentifier UUID companyId,
        UUID actorId,
        UUID invitationId,
        String email,
        CompanyRole role,
        UUID inviteeUserId) {

    @Override
    public String toString() {
        return "InviteMember[" + companyId + ", " + invitationId + "]";
    }
}
