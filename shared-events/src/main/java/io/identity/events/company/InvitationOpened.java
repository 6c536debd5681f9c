package io.identity.events.company;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The company let {@code openedBy} invite an address with a role: its own record of the invitation, by which it keeps
 * one pending invitation per address and revokes the pending ones when it is deleted. The invitation's life is in
 * its own stream ({@code invitation.MemberInvited} and after). The address is kept only as the SHA-256 (hex) of its
 * normalised form, sealed under the invitation's own key (shredded with it) and never published.
 */
@Revision("1")
public record InvitationOpened(
        UUID companyId,
        @DataSubject UUID invitationId,
        @PersonalData String addressHash,
        CompanyRole role,
        UUID openedBy,
        Instant openedAt) {

    @Override
    public String toString() {
        return "InvitationOpened[" + companyId + ", " + invitationId + "]";
    }
}
