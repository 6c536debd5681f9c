package io.identity.command.invitation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Decline an invitation by its link. */
record DeclineInvitation(@TargetAggregateIdentifier UUID invitationId, String tokenHash) {

    @Override
    public String toString() {
        return "DeclineInvitation[" + invitationId + "]";
    }
}
