package io.identity.command.invitation;

import io.identity.command.company.InviteMember;
import io.identity.events.company.CompanyRole;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start an invitation's own stream with what its company decided ({@link InviteMember}): the address, the role and
 * the expiry; only the link token's hash is carried.
 */
record IssueInvitation(
        @TargetAggregateIdentifier UUID invitationId,
        UUID companyId,
        String email,
        CompanyRole role,
        UUID invitedBy,
        String tokenHash,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "IssueInvitation[" + companyId + ", " + invitationId + "]";
    }
}
