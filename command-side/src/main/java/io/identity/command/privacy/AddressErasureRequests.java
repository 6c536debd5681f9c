package io.identity.command.privacy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pending requests to erase an address: one per address, by its hash, with its link's token hashed. Every mail
 * of an address's requests is about the same request id, so that the confirmation deletes them all.
 */
@Component
class AddressErasureRequests {

    private final JdbcTemplate jdbc;

    AddressErasureRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A request confirmed: which address, and which id its mails are about. */
    record Confirmed(String addressHash, UUID requestId) {}

    /**
     * Records a new link for the address, replacing an older one, unless the last was asked for less than
     * {@code quietFor} ago; returns the request's id, or empty when no new link is due.
     */
    Optional<UUID> renew(String addressHash, String tokenHash, Instant now, Instant expiresAt, Duration quietFor) {
        return jdbc
                .queryForList(
                        "INSERT INTO address_erasure_requests AS r (address_hash, token_hash, request_id, "
                                + "requested_at, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (address_hash) DO UPDATE "
                                + "SET token_hash = EXCLUDED.token_hash, requested_at = EXCLUDED.requested_at, "
                                + "expires_at = EXCLUDED.expires_at WHERE r.requested_at <= ? RETURNING request_id",
                        UUID.class,
                        addressHash,
                        tokenHash,
                        UUID.randomUUID(),
                        Timestamp.from(now),
                        Timestamp.from(expiresAt),
                        Timestamp.from(now.minus(quietFor)))
                .stream()
                .findFirst();
    }

    /** Spends a link still valid at {@code now}: only one of two confirmations at once gets it. */
    Optional<Confirmed> spend(String tokenHash, Instant now) {
        return jdbc
                .query(
                        "DELETE FROM address_erasure_requests WHERE token_hash = ? AND expires_at > ? "
                                + "RETURNING address_hash, request_id",
                        (rs, i) -> new Confirmed(rs.getString(1), rs.getObject(2, UUID.class)),
                        tokenHash,
                        Timestamp.from(now))
                .stream()
                .findFirst();
    }

    /** Requests never confirmed go when their link has expired. */
    int purgeExpired(Instant now) {
        return jdbc.update("DELETE FROM address_erasure_requests WHERE expires_at <= ?", Timestamp.from(now));
    }
}
