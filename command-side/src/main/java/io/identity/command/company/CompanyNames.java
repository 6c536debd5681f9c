package io.identity.command.company;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyDeleted;
import io.identity.events.company.CompanyUpdated;
import io.identity.events.company.SecondFactorRequirementChanged;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each company's name and whether it is deleted, kept in the events' own transaction (with the memberships), for
 * what tells of a company without deciding anything about it: its rules are the Company aggregate's.
 */
@Component
@ProcessingGroup(CompanyMembers.GROUP)
public class CompanyNames {

    private final JdbcTemplate jdbc;

    CompanyNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The name of the company, unless there is none or it is deleted. */
    public Optional<String> ofLiveCompany(UUID companyId) {
        return jdbc
                .queryForList(
                        "SELECT name FROM company_names WHERE company_id = ? AND NOT deleted", String.class, companyId)
                .stream()
                .findFirst();
    }

    @EventHandler
    void on(CompanyCreated event) {
        jdbc.update(
                "INSERT INTO company_names (company_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.companyId(),
                event.name());
    }

    @EventHandler
    void on(CompanyUpdated event) {
        var name = event.changed().get("name");
        if (name != null) {
            jdbc.update("UPDATE company_names SET name = ? WHERE company_id = ?", name, event.companyId());
        }
    }

    /** Whether the company requires its members to sign in with a second factor (§13). */
    public boolean requiresSecondFactor(UUID companyId) {
        return Boolean.TRUE.equals(jdbc
                .queryForList(
                        "SELECT require_mfa FROM company_names WHERE company_id = ? AND NOT deleted",
                        Boolean.class,
                        companyId)
                .stream()
                .findFirst()
                .orElse(false));
    }

    @EventHandler
    void on(SecondFactorRequirementChanged event) {
        jdbc.update(
                "UPDATE company_names SET require_mfa = ? WHERE company_id = ?", event.required(), event.companyId());
    }

    @EventHandler
    void on(CompanyDeleted event) {
        jdbc.update("UPDATE company_names SET deleted = TRUE WHERE company_id = ?", event.companyId());
    }
}
