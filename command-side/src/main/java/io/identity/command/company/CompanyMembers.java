package io.identity.command.company;

import io.identity.events.company.MemberJoined;
import io.identity.events.company.MemberRemoved;
import io.identity.events.company.MemberRoleChanged;
import java.util.List;
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
public class CompanyMembers {

    static final String GROUP = "company-members";

    private final JdbcTemplate jdbc;

    CompanyMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The companies where the user is the only OWNER whose account is active. */
    public List<UUID> soleOwnerships(UUID userId) {
        return jdbc.queryForList("SELECT m.company_id FROM company_members m WHERE m.user_id = ? AND m.role = 'OWNER' "
                + "AND NOT EXISTS (SELECT 1 FROM company_members o JOIN accounts a ON a.user_id = o.user_id "
                + "WHERE o.company_id = m.company_id AND o.role = 'OWNER' AND o.user_id <> m.user_id "
                + "AND a.status = 'ACTIVE')", UUID.class, userId);
    }

    @EventHandler
    void on(MemberJoined event) {
        jdbc.update("INSERT INTO company_members (company_id, user_id, role) VALUES (?, ?, ?) "
                + "ON CONFLICT (company_id, user_id) DO UPDATE SET role = EXCLUDED.role",
                event.companyId(), event.userId(), event.role().name());
    }

    @EventHandler
    void on(MemberRoleChanged event) {
        jdbc.update("UPDATE company_members SET role = ? WHERE company_id = ? AND user_id = ?", event.role().name(),
                event.companyId(), event.userId());
    }

    @EventHandler
    void on(MemberRemoved event) {
        jdbc.update("DELETE FROM company_members WHERE company_id = ? AND user_id = ?", event.companyId(),
                event.userId());
    }
}
