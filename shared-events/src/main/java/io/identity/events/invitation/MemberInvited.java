package io.identity.events.invitation;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import io.identity.events.company.CompanyRole;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An OWNER or ADMIN invited an address to join the company with a role, until {@code expiresAt}. The link's token
 * is only hashed here; the raw token went once to the inviter and once, by mail, to the invitee. The address is
 * personal data of someone who may never have an account: it is encrypted under the invitation's own key.
 */
@Revision("1")
public record MemberInvited(
        @DataSubject UUID invitationId,
        UUID companyId,
        @PersonalData String email,
        CompanyRole role,
        UUID invitedBy,
        String tokenHash,
        Instant expiresAt,
        Instant invitedAt) {

    @Override
    public String toString() {
        return "MemberInvited[" + invitationId + ", " + companyId + "]";
    }
}
