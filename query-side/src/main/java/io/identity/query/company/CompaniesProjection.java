package io.identity.query.company;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.MemberJoined;
import io.identity.events.user.UserErased;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code companies} and {@code memberships} read models. */
@Component
@ProcessingGroup("companies")
class CompaniesProjection {

    private final JdbcTemplate jdbc;

    CompaniesProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CompanyCreated event) {
        jdbc.update("INSERT INTO companies (company_id, name, description, created_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (company_id) DO NOTHING", event.companyId(), event.name(), event.description(),
                Timestamp.from(event.createdAt()));
    }

    @EventHandler
    void on(MemberJoined event) {
        jdbc.update("INSERT INTO memberships (company_id, user_id, role, joined_at) SELECT ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM erased_users WHERE processing_group = 'companies' "
                        + "AND user_id = ?) ON CONFLICT (company_id, user_id) DO UPDATE SET role = EXCLUDED.role",
                event.companyId(), event.userId(), event.role().name(), Timestamp.from(event.joinedAt()),
                event.userId());
    }

    /** An erased person's memberships go; the company's own history keeps the facts. */
    @EventHandler
    void on(UserErased event) {
        jdbc.update("INSERT INTO erased_users (processing_group, user_id) VALUES ('companies', ?) "
                + "ON CONFLICT DO NOTHING", event.userId());
        jdbc.update("DELETE FROM memberships WHERE user_id = ?", event.userId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE companies, memberships");
        jdbc.update("DELETE FROM erased_users WHERE processing_group = 'companies'");
    }
}
