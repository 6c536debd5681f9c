package io.identity.events.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The owner of an address, proven by a link mailed to it, had everything held about the address erased: the
 * invitations sent to it are shredded (their keys deleted, so they read back with the address erased), pending
 * ones revoked, and the mails about them deleted. The address itself is not here, only its digest, which is how
 * a consumer who copied the address finds its copies.
 *
 * @param erasureId     this erasure
 * @param addressSha256 the SHA-256 (lowercase hex) of the address in Unicode NFKC, lower case
 * @param invitationIds the invitations sent to the address, shredded now
 */
@Revision("1")
public record AddressErased(UUID erasureId, String addressSha256, List<UUID> invitationIds, Instant erasedAt) {

    public AddressErased {
        invitationIds = invitationIds == null ? List.of() : List.copyOf(invitationIds);
    }
}
