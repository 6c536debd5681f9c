package io.identity.query.company;

import io.identity.query.web.Instants;
import io.identity.query.web.Keyset;
import io.identity.query.web.Page;
import io.identity.query.web.Paging;
import io.identity.support.auth.Caller;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads of a company and its members, for its members only; to anyone else it does not exist (§6). */
@RestController
class CompanyQueryController {

    private static final Set<String> ROLES = Set.of("OWNER", "ADMIN", "MEMBER");

    private static final Keyset<Member> BY_JOINING =
            Keyset.ascending(Keyset.instant("m.joined_at", Member::joinedAt), Keyset.uuid("m.user_id", Member::userId));

    private final JdbcTemplate jdbc;

    CompanyQueryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Settings(
            String defaultInvitationRole,
            int invitationExpiryDays,
            List<String> allowedEmailDomains,
            boolean requireMfa) {}

    record CompanyView(
            UUID companyId, String name, String description, Settings settings, Instant createdAt, long memberCount) {}

    /** {@code status}: ACTIVE, or DEACTIVATED for a member who closed their account (the membership stays). */
    record Member(
            UUID userId,
            String username,
            String displayName,
            String email,
            String role,
            Instant joinedAt,
            String status) {}

    @GetMapping("/api/v1/companies/{companyId}")
    CompanyView company(Caller caller, @PathVariable UUID companyId) {
        roleOf(caller, companyId);
        return jdbc
                .query(
                        "SELECT c.*, (SELECT count(*) FROM memberships m JOIN users u ON u.user_id = m.user_id "
                                + "WHERE m.company_id = c.company_id) AS members FROM companies c "
                                + "WHERE c.company_id = ? AND c.deleted_at IS NULL",
                        (rs, i) -> new CompanyView(
                                rs.getObject("company_id", UUID.class),
                                rs.getString("name"),
                                rs.getString("description"),
                                new Settings(
                                        rs.getString("default_invitation_role"),
                                        rs.getInt("invitation_expiry_days"),
                                        Arrays.asList((String[]) rs.getArray("allowed_email_domains")
                                                .getArray()),
                                        rs.getBoolean("require_mfa")),
                                rs.getTimestamp("created_at").toInstant(),
                                rs.getLong("members")),
                        companyId)
                .stream()
                .findFirst()
                .orElseThrow(IdentityException::notFound);
    }

    /**
     * Members in the order they joined, filtered by a case-insensitive prefix of username or shown display name and
     * by role. Email shows to OWNER and ADMIN, and to others where the member shows it; a PRIVATE member's display
     * name and email show to nobody else but OWNER and ADMIN (email only).
     */
    @GetMapping("/api/v1/companies/{companyId}/members")
    Page<Member> members(
            Caller caller,
            @PathVariable UUID companyId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var at = asOf == null ? null : Instants.parameter("asOf", asOf);
        if (role != null && !ROLES.contains(role)) {
            throw IdentityException.validation(List.of(new FieldViolation("role", "must be OWNER, ADMIN or MEMBER")));
        }
        if (q != null && (q.length() > 100 || q.chars().anyMatch(Character::isISOControl))) {
            throw IdentityException.validation(List.of(new FieldViolation("q", "must be up to 100 plain characters")));
        }
        var paging = Paging.of(limit, cursor, BY_JOINING);
        var callerRole = roleOf(caller, companyId);
        var seesEmail = "OWNER".equals(callerRole) || "ADMIN".equals(callerRole);
        // now: the current memberships; asOf: the membership periods that held at that instant
        var from = at == null
                ? "memberships m"
                : "(SELECT company_id, user_id, role, valid_from AS joined_at FROM membership_history "
                        + "WHERE company_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)) m";
        var sql = new StringBuilder("SELECT m.user_id, u.username, u.display_name, u.email, u.show_email, "
                + "u.profile_visibility, u.status, m.role, m.joined_at FROM " + from
                + " JOIN users u ON u.user_id = m.user_id WHERE m.company_id = ? ");
        var args = new ArrayList<Object>();
        if (at != null) {
            args.addAll(List.of(companyId, Timestamp.from(at), Timestamp.from(at)));
        }
        args.add(companyId);
        if (q != null && !q.isBlank()) {
            var prefix =
                    q.strip()
                                    .toLowerCase(Locale.ROOT)
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%";
            // a filter matches only what the caller is shown: a hidden display name (the rule below) matches nothing
            sql.append("AND (lower(u.username) LIKE ? OR (lower(u.display_name) LIKE ? "
                    + "AND (u.profile_visibility <> 'PRIVATE' OR u.user_id = ?))) ");
            args.add(prefix);
            args.add(prefix);
            args.add(caller.userId());
        }
        if (role != null) {
            sql.append("AND m.role = ? ");
            args.add(role);
        }
        sql.append(paging.sql());
        var rows = jdbc.query(
                sql.toString(),
                (rs, i) -> {
                    var userId = rs.getObject("user_id", UUID.class);
                    var self = userId.equals(caller.userId());
                    // a PRIVATE member is listed (membership is the company's fact) but shows no more than a name; the
                    // filter q above hides the same display names
                    var hidden = !self && "PRIVATE".equals(rs.getString("profile_visibility"));
                    return new Member(
                            userId,
                            rs.getString("username"),
                            hidden ? null : rs.getString("display_name"),
                            self || seesEmail || rs.getBoolean("show_email") && !hidden ? rs.getString("email") : null,
                            rs.getString("role"),
                            rs.getTimestamp("joined_at").toInstant(),
                            rs.getString("status"));
                },
                paging.arguments(args.toArray()));
        return paging.page(rows);
    }

    /** The caller's role in the company; not a member means not found. */
    private String roleOf(Caller caller, UUID companyId) {
        return jdbc
                .query(
                        "SELECT role FROM memberships WHERE company_id = ? AND user_id = ?",
                        (rs, i) -> rs.getString(1),
                        companyId,
                        caller.userId())
                .stream()
                .findFirst()
                .orElseThrow(IdentityException::notFound);
    }
}
