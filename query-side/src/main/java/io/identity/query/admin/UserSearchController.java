package io.identity.query.admin;

import io.identity.query.web.Keyset;
import io.identity.query.web.Page;
import io.identity.query.web.Paging;
import io.identity.support.auth.Caller;
import io.identity.support.auth.OperatorSettings;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/users} (§14): operators search the accounts, newest first, by a prefix of the username or
 * the address ({@code q}, any case) and by status, a page at a time (keyset paging). {@code mfa}: whether the account
 * has a second factor. Anyone else is told nothing is there.
 */
@RestController
class UserSearchController {

    private static final Set<String> STATUSES = Set.of("ACTIVE", "LOCKED", "DEACTIVATED");

    private static final Keyset<UserRow> NEWEST_FIRST = Keyset.descending(
            Keyset.instant("u.created_at", UserRow::createdAt), Keyset.uuid("u.user_id", UserRow::userId));

    private final JdbcTemplate jdbc;
    private final OperatorSettings operators;

    UserSearchController(JdbcTemplate jdbc, OperatorSettings operators) {
        this.jdbc = jdbc;
        this.operators = operators;
    }

    record UserRow(
            UUID userId,
            String username,
            String email,
            boolean emailVerified,
            String status,
            Instant createdAt,
            Instant lastSignInAt,
            boolean mfa) {}

    @GetMapping("/api/v1/admin/users")
    Page<UserRow> search(
            Caller caller,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        operators.require(caller);
        var violations = new ArrayList<FieldViolation>();
        if (q != null && (q.length() > 254 || q.chars().anyMatch(Character::isISOControl))) {
            violations.add(new FieldViolation("q", "must be up to 254 plain characters"));
        }
        if (status != null && !STATUSES.contains(status)) {
            violations.add(new FieldViolation("status", "must be ACTIVE, LOCKED or DEACTIVATED"));
        }
        if (!violations.isEmpty()) {
            throw IdentityException.validation(violations);
        }
        var paging = Paging.of(limit, cursor, NEWEST_FIRST);
        var sql = new StringBuilder("SELECT u.user_id, u.username, u.email, u.email_verified, u.status, u.created_at, "
                + "(SELECT max(s.created_at) FROM sessions s WHERE s.user_id = u.user_id) AS last_sign_in_at, (EXISTS (SELECT 1 FROM second_factors s WHERE s.user_id = u.user_id "
                + "AND s.totp_enabled) OR EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = u.user_id)) AS mfa "
                + "FROM users u WHERE TRUE ");
        var args = new ArrayList<Object>();
        if (q != null && !q.isBlank()) {
            var prefix = q.strip()
                            .toLowerCase(Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%";
            sql.append("AND (lower(u.username) LIKE ? OR lower(u.email) LIKE ?) ");
            args.add(prefix);
            args.add(prefix);
        }
        if (status != null) {
            sql.append("AND u.status = ? ");
            args.add(status);
        }
        sql.append(paging.sql());
        List<UserRow> rows = jdbc.query(
                sql.toString(),
                (rs, i) -> new UserRow(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("username"),
                        rs.getString("email"),
                        rs.getBoolean("email_verified"),
                        rs.getString("status"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_sign_in_at") == null
                                ? null
                                : rs.getTimestamp("last_sign_in_at").toInstant(),
                        rs.getBoolean("mfa")),
                paging.arguments(args.toArray()));
        return paging.page(rows);
    }
}
