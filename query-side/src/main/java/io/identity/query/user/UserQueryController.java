package io.identity.query.user;

import io.identity.query.web.Keyset;
import io.identity.query.web.Page;
import io.identity.query.web.Paging;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads of users: oneself in full, others as their privacy allows (§5). */
@RestController
class UserQueryController {

    private static final Keyset<UserViews.Membership> BY_JOINING = Keyset.ascending(
            Keyset.instant("m.joined_at", UserViews.Membership::joinedAt),
            Keyset.uuid("m.company_id", UserViews.Membership::companyId));
    private static final Keyset<UserViews.SessionView> NEWEST_SESSIONS_FIRST = Keyset.descending(
            Keyset.instant("s.created_at", UserViews.SessionView::createdAt),
            Keyset.uuid("s.session_id", UserViews.SessionView::sessionId));
    private static final Keyset<UserViews.Identity> BY_LINKING = Keyset.ascending(
            Keyset.instant("linked_at", UserViews.Identity::linkedAt),
            Keyset.text("provider", UserViews.Identity::provider));

    private final JdbcTemplate jdbc;

    UserQueryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One round trip: the user's row joined with each membership (none: one row with null company). */
    @GetMapping("/api/v1/users/me")
    UserViews.Me me(Caller caller) {
        var companies = new ArrayList<UserViews.MyCompany>();
        var me = new UserViews.Me[1];
        jdbc.query(
                "SELECT u.*, m.company_id, c.name AS company_name, m.role FROM users u "
                        + "LEFT JOIN memberships m ON m.user_id = u.user_id "
                        + "LEFT JOIN companies c ON c.company_id = m.company_id "
                        + "WHERE u.user_id = ? ORDER BY m.joined_at, m.company_id",
                rs -> {
                    if (me[0] == null) {
                        me[0] = new UserViews.Me(
                                rs.getObject("user_id", UUID.class),
                                rs.getString("username"),
                                rs.getString("email"),
                                rs.getBoolean("email_verified"),
                                rs.getString("display_name"),
                                rs.getString("first_name"),
                                rs.getString("last_name"),
                                rs.getString("phone"),
                                rs.getString("bio"),
                                rs.getString("avatar_url"),
                                new UserViews.Settings(
                                        rs.getString("locale"),
                                        rs.getString("timezone"),
                                        new UserViews.Notifications(
                                                rs.getBoolean("notify_product"), rs.getBoolean("notify_company"))),
                                new UserViews.Privacy(
                                        rs.getString("profile_visibility"),
                                        rs.getBoolean("show_email"),
                                        rs.getBoolean("show_phone")),
                                instant(rs, "created_at"),
                                companies);
                    }
                    var companyId = rs.getObject("company_id", UUID.class);
                    if (companyId != null && rs.getString("company_name") != null) {
                        companies.add(
                                new UserViews.MyCompany(companyId, rs.getString("company_name"), rs.getString("role")));
                    }
                },
                caller.userId());
        if (me[0] == null) {
            // A valid token for an account the read model does not hold yet: the projection is behind.
            throw new IdentityException(
                    ErrorCode.PROJECTION_LAGGING,
                    ErrorCode.PROJECTION_LAGGING.title(),
                    List.of(),
                    Duration.ofSeconds(1));
        }
        return me[0];
    }

    /**
     * PRIVATE profiles are not found by others; COMPANY ones only by co-members; closed accounts by nobody else. Email and phone show when the
     * user shows them, and email always to an OWNER or ADMIN of a company the user belongs to.
     */
    @GetMapping("/api/v1/users/{userId}")
    UserViews.PublicUser user(Caller caller, @PathVariable UUID userId) {
        var self = caller.userId().equals(userId);
        var relation = self
                ? null
                : jdbc.queryForObject(
                        "SELECT max(CASE WHEN mc.role IN ('OWNER', 'ADMIN') "
                                + "THEN 2 ELSE 1 END) FROM memberships mc JOIN memberships mu ON mu.company_id = mc.company_id "
                                + "WHERE mc.user_id = ? AND mu.user_id = ?",
                        Integer.class,
                        caller.userId(),
                        userId);
        var coMember = relation != null;
        var adminOfShared = relation != null && relation == 2;
        var found = jdbc.query(
                "SELECT * FROM users WHERE user_id = ?",
                (rs, i) -> {
                    var visibility = rs.getString("profile_visibility");
                    if (!self
                            && ("PRIVATE".equals(visibility)
                                    || "COMPANY".equals(visibility) && !coMember
                                    || !"ACTIVE".equals(rs.getString("status")))) {
                        return null;
                    }
                    var email = self || adminOfShared || rs.getBoolean("show_email") ? rs.getString("email") : null;
                    var phone = self || rs.getBoolean("show_phone") ? rs.getString("phone") : null;
                    return new UserViews.PublicUser(
                            rs.getObject("user_id", UUID.class),
                            rs.getString("username"),
                            rs.getString("display_name"),
                            rs.getString("first_name"),
                            rs.getString("last_name"),
                            rs.getString("bio"),
                            rs.getString("avatar_url"),
                            email,
                            phone);
                },
                userId);
        if (found.isEmpty() || found.get(0) == null) {
            throw IdentityException.notFound();
        }
        return found.get(0);
    }

    @GetMapping("/api/v1/users/me/companies")
    Page<UserViews.Membership> myCompanies(
            Caller caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var paging = Paging.of(limit, cursor, BY_JOINING);
        var rows = jdbc.query(
                "SELECT m.company_id, c.name, m.role, m.joined_at FROM memberships m "
                        + "JOIN companies c ON c.company_id = m.company_id WHERE m.user_id = ? " + paging.sql(),
                (rs, i) -> new UserViews.Membership(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), instant(rs, "joined_at")),
                paging.arguments(caller.userId()));
        return paging.page(rows);
    }

    /** The caller's live sessions, newest first. */
    @GetMapping("/api/v1/users/me/sessions")
    Page<UserViews.SessionView> mySessions(
            Caller caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var paging = Paging.of(limit, cursor, NEWEST_SESSIONS_FIRST);
        var rows = jdbc.query(
                "SELECT s.*, greatest(s.created_at, a.last_used_at) AS last_used FROM sessions s "
                        + "LEFT JOIN session_activity a ON a.session_id = s.session_id "
                        + "WHERE s.user_id = ? AND s.ended_at IS NULL AND s.expires_at > now() " + paging.sql(),
                (rs, i) -> {
                    var sessionId = rs.getObject("session_id", UUID.class);
                    return new UserViews.SessionView(
                            sessionId,
                            instant(rs, "created_at"),
                            instant(rs, "last_used"),
                            rs.getString("ip"),
                            rs.getString("user_agent"),
                            rs.getString("method"),
                            sessionId.equals(caller.sessionId()));
                },
                paging.arguments(caller.userId()));
        return paging.page(rows);
    }

    /** The caller's accounts at OpenID Connect providers, in the order they were linked. */
    @GetMapping("/api/v1/users/me/identities")
    Page<UserViews.Identity> myIdentities(
            Caller caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var paging = Paging.of(limit, cursor, BY_LINKING);
        var rows = jdbc.query(
                "SELECT provider, subject, email, linked_at FROM external_identities WHERE user_id = ? " + paging.sql(),
                (rs, i) -> new UserViews.Identity(
                        rs.getString("provider"),
                        rs.getString("subject"),
                        rs.getString("email"),
                        instant(rs, "linked_at")),
                paging.arguments(caller.userId()));
        return paging.page(rows);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
