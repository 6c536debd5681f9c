package io.identity.query.invitation;

import io.identity.query.web.Keyset;
import io.identity.query.web.Page;
import io.identity.query.web.Paging;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invitations as their company's OWNERs and ADMINs see them, and the landing view of one link. A pending
 * invitation past its expiry reads as EXPIRED even before the deadline job has closed it.
 */
@RestController
class InvitationQueryController {

    private static final Set<String> STATUSES = Set.of("PENDING", "ACCEPTED", "DECLINED", "REVOKED", "EXPIRED");
    private static final String STATUS =
            "CASE WHEN i.status = 'PENDING' AND i.expires_at <= now() THEN 'EXPIRED' " + "ELSE i.status END";

    private static final Keyset<InvitationView> BY_CREATION = Keyset.ascending(
            Keyset.instant("i.created_at", InvitationView::createdAt),
            Keyset.uuid("i.invitation_id", InvitationView::invitationId));

    private final JdbcTemplate jdbc;

    InvitationQueryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Inviter(UUID userId, String displayName) {}

    record InvitationView(
            UUID invitationId,
            String email,
            String role,
            String status,
            String deliveryStatus,
            Inviter invitedBy,
            Instant createdAt,
            Instant expiresAt,
            Instant respondedAt) {}

    record LandingInviter(String displayName) {}

    record Landing(
            String companyName,
            LandingInviter invitedBy,
            String email,
            String role,
            String status,
            Instant expiresAt) {}

    @GetMapping("/api/v1/companies/{companyId}/invitations")
    Page<InvitationView> list(
            Caller caller,
            @PathVariable UUID companyId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw IdentityException.validation(
                    List.of(new FieldViolation("status", "must be PENDING, ACCEPTED, DECLINED, REVOKED or EXPIRED")));
        }
        var role = jdbc
                .queryForList(
                        "SELECT role FROM memberships WHERE company_id = ? AND user_id = ?",
                        String.class,
                        companyId,
                        caller.userId())
                .stream()
                .findFirst()
                .orElseThrow(IdentityException::notFound);
        if (!"OWNER".equals(role) && !"ADMIN".equals(role)) {
            throw new IdentityException(ErrorCode.FORBIDDEN, "Only owners and admins see invitations.");
        }
        var paging = Paging.of(limit, cursor, BY_CREATION);
        // the delivery's own row when there is one; else what the invitation recorded before those rows existed
        var sql = new StringBuilder("SELECT i.*, " + STATUS + " AS shown_status, "
                + "coalesce(d.status, i.delivery_status) AS shown_delivery, u.display_name, u.profile_visibility "
                + "FROM invitations i LEFT JOIN invitation_deliveries d ON d.invitation_id = i.invitation_id "
                + "LEFT JOIN users u ON u.user_id = i.invited_by WHERE i.company_id = ? ");
        var args = new ArrayList<Object>(List.of(companyId));
        if (status != null) {
            sql.append("AND ").append(STATUS).append(" = ? ");
            args.add(status);
        }
        sql.append(paging.sql());
        var rows = jdbc.query(
                sql.toString(),
                (rs, i) -> new InvitationView(
                        rs.getObject("invitation_id", UUID.class),
                        rs.getString("email"),
                        rs.getString("role"),
                        rs.getString("shown_status"),
                        rs.getString("shown_delivery"),
                        new Inviter(rs.getObject("invited_by", UUID.class), visibleName(rs)),
                        instant(rs, "created_at"),
                        instant(rs, "expires_at"),
                        instant(rs, "responded_at")),
                paging.arguments(args.toArray()));
        return paging.page(rows);
    }

    /**
     * Anyone holding the link may see what it is for, and nothing more; an unknown or replaced link is 404, and so
     * is the link of a deleted company, which is gone from reads. The holder is no co-member of the inviter: the
     * inviter's display name shows only where anyone may see the profile (PUBLIC, account not closed), else
     * {@code invitedBy.displayName} is null.
     */
    @GetMapping("/api/v1/invitations/by-token/{token}")
    Landing byToken(@PathVariable String token) {
        return jdbc
                .query(
                        "SELECT i.*, " + STATUS + " AS shown_status, c.name AS company_name, u.display_name, "
                                + "u.profile_visibility, u.status AS inviter_status FROM invitations i "
                                + "JOIN companies c ON c.company_id = i.company_id AND c.deleted_at IS NULL "
                                + "LEFT JOIN users u ON u.user_id = i.invited_by WHERE i.token_hash = ?",
                        (rs, i) -> new Landing(
                                rs.getString("company_name"),
                                new LandingInviter(publicName(rs)),
                                rs.getString("email"),
                                rs.getString("role"),
                                rs.getString("shown_status"),
                                instant(rs, "expires_at")),
                        sha256(token))
                .stream()
                .findFirst()
                .orElseThrow(IdentityException::notFound);
    }

    /** To anyone at all, as {@code GET /users/{id}} shows a stranger: only a PUBLIC profile of an open account. */
    private static String publicName(ResultSet rs) throws SQLException {
        return "PUBLIC".equals(rs.getString("profile_visibility")) && "ACTIVE".equals(rs.getString("inviter_status"))
                ? rs.getString("display_name")
                : null;
    }

    /** For the company's OWNERs and ADMINs, the inviter's co-members: a PRIVATE inviter is not named. */
    private static String visibleName(ResultSet rs) throws SQLException {
        return "PRIVATE".equals(rs.getString("profile_visibility")) ? null : rs.getString("display_name");
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
