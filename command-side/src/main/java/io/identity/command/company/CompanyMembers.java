package io.identity.command.company;

import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.events.company.MemberRemoved;
import io.identity.events.company.MemberRoleChanged;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Memberships on the command side, for the rules that span a user and their companies; kept in the events'
 * own transaction. Company permissions are never decided from here: the Company aggregate decides those.
 */
@Component
@ProcessingGroup(CompanyMembers.GROUP)
public class CompanyMembers implements OwnerAccounts {

    static final String GROUP = "company-members";
    /** The first key of the transaction locks on a company's owners (the second is the company's). */
    private static final int OWNERS_LOCK = 0x4f574e52;

    private final JdbcTemplate jdbc;

    CompanyMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The companies where the user is the only OWNER whose account is active. Holds the ownership lock of each
     * company the user owns until the transaction ends (taken in one order, so two callers never wait on each
     * other in a circle).
     */
    public List<UUID> soleOwnerships(UUID userId) {
        jdbc.queryForList(
                        "SELECT company_id FROM company_members WHERE user_id = ? AND role = 'OWNER' "
                                + "ORDER BY company_id",
                        UUID.class,
                        userId)
                .forEach(this::lockOwners);
        return jdbc.queryForList(
                "SELECT m.company_id FROM company_members m WHERE m.user_id = ? AND m.role = 'OWNER' "
                        + "AND NOT EXISTS (SELECT 1 FROM company_members o JOIN accounts a ON a.user_id = o.user_id "
                        + "WHERE o.company_id = m.company_id AND o.role = 'OWNER' AND o.user_id <> m.user_id "
                        + "AND a.status = 'ACTIVE')",
                UUID.class,
                userId);
    }

    @Override
    public long active(UUID companyId, Set<UUID> owners) {
        lockOwners(companyId);
        if (owners.isEmpty()) {
            return 0;
        }
        return jdbc.queryForObject(
                "SELECT count(*) FROM accounts WHERE user_id = ANY(?::uuid[]) AND status = 'ACTIVE'",
                Long.class,
                (Object) owners.stream().map(UUID::toString).toArray(String[]::new));
    }

    /** A company the user belongs to, by name, with their role in it. */
    public record Membership(UUID companyId, String name, CompanyRole role) {}

    /** The live companies the user belongs to, by name. */
    public List<Membership> membershipsOf(UUID userId) {
        return jdbc.query(
                "SELECT m.company_id, n.name, m.role FROM company_members m JOIN company_names n "
                        + "ON n.company_id = m.company_id AND NOT n.deleted WHERE m.user_id = ? ORDER BY n.name, 1",
                (rs, i) -> new Membership(
                        rs.getObject(1, UUID.class), rs.getString(2), CompanyRole.valueOf(rs.getString(3))),
                userId);
    }

    /** The member's role in the company, if they are one. */
    public Optional<CompanyRole> roleOf(UUID companyId, UUID userId) {
        return jdbc
                .queryForList(
                        "SELECT role FROM company_members WHERE company_id = ? AND user_id = ?",
                        String.class,
                        companyId,
                        userId)
                .stream()
                .findFirst()
                .map(CompanyRole::valueOf);
    }

    /** The company's OWNERs and ADMINs. */
    public List<UUID> managers(UUID companyId) {
        return jdbc.queryForList(
                "SELECT user_id FROM company_members WHERE company_id = ? AND role IN ('OWNER', 'ADMIN') "
                        + "ORDER BY user_id",
                UUID.class,
                companyId);
    }

    private void lockOwners(UUID companyId) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, ?)", Object.class, OWNERS_LOCK, companyId.hashCode());
    }

    @EventHandler
    void on(MemberJoined event) {
        jdbc.update(
                "INSERT INTO company_members (company_id, user_id, role) VALUES (?, ?, ?) "
                        + "ON CONFLICT (company_id, user_id) DO UPDATE SET role = EXCLUDED.role",
                event.companyId(),
                event.userId(),
                event.role().name());
    }

    @EventHandler
    void on(MemberRoleChanged event) {
        jdbc.update(
                "UPDATE company_members SET role = ? WHERE company_id = ? AND user_id = ?",
                event.role().name(),
                event.companyId(),
                event.userId());
    }

    @EventHandler
    void on(MemberRemoved event) {
        jdbc.update(
                "DELETE FROM company_members WHERE company_id = ? AND user_id = ?", event.companyId(), event.userId());
    }
}
