package io.identity.command.invitation;

import io.identity.command.kernel.EmailAddresses;
import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationExpired;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Invitation id to company, and each invitation's current link by its hash; kept in the transaction of the
 * invitation's events. A replaced link is gone; an answered, revoked or expired invitation's link stays, marked.
 */
@Component
@ProcessingGroup(InvitationLookup.GROUP)
public class InvitationLookup {

    static final String GROUP = "invitation-index";

    private final JdbcTemplate jdbc;

    InvitationLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Link(UUID invitationId, UUID companyId, String email) {
        @Override
        public String toString() {
            return "Link[" + invitationId + "]";
        }
    }

    /** An invitation and its company. */
    public record Invited(UUID invitationId, UUID companyId) {}

    /** The invitations this person accepted: the addresses they were sent to are the person's. */
    public List<UUID> acceptedBy(UUID userId) {
        return jdbc.queryForList(
                "SELECT invitation_id FROM invitation_index WHERE accepted_by = ?", UUID.class, userId);
    }

    Optional<UUID> companyOf(UUID invitationId) {
        return jdbc
                .queryForList(
                        "SELECT company_id FROM invitation_index WHERE invitation_id = ?", UUID.class, invitationId)
                .stream()
                .findFirst();
    }

    Optional<Link> link(String tokenHash) {
        return jdbc
                .query(
                        "SELECT invitation_id, company_id, email FROM invitation_links WHERE token_hash = ?",
                        (rs, i) -> new Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)),
                        tokenHash)
                .stream()
                .findFirst();
    }

    /** Claims up to {@code limit} links that ran out; call inside the transaction that expires them. */
    List<Invited> claimExpired(int limit) {
        return jdbc.query(
                "UPDATE invitation_links SET ended = TRUE, ended_at = coalesce(ended_at, now()), email = '' "
                        + "WHERE token_hash IN (SELECT token_hash "
                        + "FROM invitation_links WHERE NOT ended AND expires_at <= now() ORDER BY expires_at LIMIT ? "
                        + "FOR UPDATE SKIP LOCKED) RETURNING invitation_id, company_id",
                (rs, i) -> new Invited(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                limit);
    }

    /**
     * Claims this company's open invitations to the address of this {@linkplain EmailAddresses#hash hash} (or to an address
     * not recorded) whose time ran out, which the expiry job has not closed yet; call inside the transaction that
     * expires them. Waits for a job closing them at the same moment, and then finds them closed.
     */
    List<UUID> claimExpiredTo(UUID companyId, String addressHash) {
        return jdbc.queryForList(
                "UPDATE invitation_links SET ended = TRUE, ended_at = coalesce(ended_at, now()), "
                        + "email = '' WHERE token_hash IN (SELECT l.token_hash FROM invitation_links l JOIN invitation_index i "
                        + "ON i.invitation_id = l.invitation_id WHERE l.company_id = ? AND NOT l.ended AND l.expires_at <= now() "
                        + "AND (i.address_hash = ? OR i.address_hash IS NULL) FOR UPDATE OF l) RETURNING invitation_id",
                UUID.class,
                companyId,
                addressHash);
    }

    /** Who sent the invitation. */
    Optional<UUID> inviterOf(UUID invitationId) {
        return jdbc
                .queryForList(
                        "SELECT invited_by FROM invitation_index WHERE invitation_id = ?", UUID.class, invitationId)
                .stream()
                .filter(Objects::nonNull)
                .findFirst();
    }

    @EventHandler
    void on(MemberInvited event) {
        jdbc.update(
                "INSERT INTO invitation_index (invitation_id, company_id, address_hash, invited_by) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.invitationId(),
                event.companyId(),
                EmailAddresses.hash(event.email()),
                event.invitedBy());
        jdbc.update(
                "INSERT INTO invitation_links (token_hash, invitation_id, company_id, email, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.tokenHash(),
                event.invitationId(),
                event.companyId(),
                event.email(),
                Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(InvitationResent event) {
        jdbc.update(
                "UPDATE invitation_links SET token_hash = ?, expires_at = ? WHERE invitation_id = ?",
                event.tokenHash(),
                Timestamp.from(event.expiresAt()),
                event.invitationId());
    }

    @EventHandler
    void on(InvitationAccepted event) {
        forget(event.invitationId());
        jdbc.update(
                "UPDATE invitation_index SET accepted_by = ? WHERE invitation_id = ?",
                event.userId(),
                event.invitationId());
    }

    @EventHandler
    void on(InvitationDeclined event) {
        forget(event.invitationId());
    }

    @EventHandler
    void on(InvitationRevoked event) {
        forget(event.invitationId());
    }

    @EventHandler
    void on(InvitationExpired event) {
        forget(event.invitationId());
    }

    /** The link stays known (to answer "no longer pending"); the address goes. */
    private void forget(UUID invitationId) {
        jdbc.update(
                "UPDATE invitation_links SET ended = TRUE, ended_at = coalesce(ended_at, now()), email = '' "
                        + "WHERE invitation_id = ?",
                invitationId);
    }

    /** The invitations sent to any address this person proved theirs, whose key is not shredded yet. */
    public List<UUID> sentToAddressesOf(UUID userId) {
        return jdbc.queryForList(
                "SELECT i.invitation_id FROM invitation_index i JOIN verified_addresses v "
                        + "ON v.address_hash = i.address_hash WHERE v.user_id = ?",
                UUID.class,
                userId);
    }

    /** The invitations sent to the address of this {@linkplain EmailAddresses#hash hash} whose key is not shredded yet. */
    public List<UUID> sentToAddress(String addressHash) {
        return jdbc.queryForList(
                "SELECT invitation_id FROM invitation_index WHERE address_hash = ?", UUID.class, addressHash);
    }

    /**
     * The invitations sent to the address of this hash, their key made before {@code before} (when the address was
     * erased) and still held: a restore from an older backup brought them back.
     */
    public List<UUID> sentToAddressBefore(String addressHash, Instant before) {
        return jdbc.queryForList(
                "SELECT i.invitation_id FROM invitation_index i JOIN personal_data_keys k "
                        + "ON k.subject_id = i.invitation_id WHERE i.address_hash = ? AND k.created_at < ?",
                UUID.class,
                addressHash,
                Timestamp.from(before));
    }

    /** Which of these invitations are still open, with their company. */
    public List<Invited> open(List<UUID> invitationIds) {
        return jdbc.query(
                "SELECT DISTINCT invitation_id, company_id FROM invitation_links WHERE NOT ended "
                        + "AND invitation_id = ANY(?)",
                (rs, i) -> new Invited(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                (Object) invitationIds.toArray(UUID[]::new));
    }

    /** Their keys are shredded: nothing ties them to an address any more. */
    public void shredded(List<UUID> invitationIds) {
        jdbc.update("UPDATE invitation_index SET address_hash = NULL WHERE invitation_id = ANY(?)", (Object)
                invitationIds.toArray(UUID[]::new));
        jdbc.update(
                "UPDATE invitation_links SET shredded = TRUE, ended = TRUE, ended_at = coalesce(ended_at, now()), "
                        + "email = '' WHERE invitation_id = ANY(?)",
                (Object) invitationIds.toArray(UUID[]::new));
    }

    /**
     * Claims up to {@code limit} invitations that ended more than {@code retention} ago and whose key is not
     * shredded yet; call inside the transaction that shreds them.
     */
    public List<UUID> claimToShred(Duration retention, int limit) {
        return jdbc.queryForList(
                "UPDATE invitation_links SET shredded = TRUE WHERE token_hash IN (SELECT token_hash "
                        + "FROM invitation_links WHERE ended AND NOT shredded AND ended_at < now() - ?::interval "
                        + "ORDER BY ended_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING invitation_id",
                UUID.class,
                retention.toString(),
                limit);
    }
}
