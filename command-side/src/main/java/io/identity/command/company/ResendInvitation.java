package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a pending invitation's link with a new one (by its hash) and send it again. */
public record ResendInvitation(@TargetAggregateIdentifier UUID companyId, UUID actorId, UUID invitationId,
                               String tokenHash) {

    @Override
    public String toString() {
        return "ResendInvitation[" + invitationId + "]";
    }
}
