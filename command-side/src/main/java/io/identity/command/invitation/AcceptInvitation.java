package io.identity.command.invitation;

import io.identity.command.company.JoinByInvitation;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Accept an invitation by its link for the account {@code userId}, whose verified address (null when not
 * verified) must be the invited one. The company's part, {@link JoinByInvitation}, goes with it in one change.
 */
record AcceptInvitation(
        @TargetAggregateIdentifier UUID invitationId, String tokenHash, UUID userId, String verifiedEmail) {

    @Override
    public String toString() {
        return "AcceptInvitation[" + invitationId + "]";
    }
}
