package io.identity.events.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A new link replaced the old one (which stops working) and went out again; the expiry starts over. */
@Revision("1")
public record InvitationResent(
        UUID invitationId, UUID companyId, String tokenHash, Instant expiresAt, UUID resentBy, Instant resentAt) {

    @Override
    public String toString() {
        return "InvitationResent[" + invitationId + "]";
    }
}
