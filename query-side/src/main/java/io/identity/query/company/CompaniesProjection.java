package io.identity.query.company;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyDeleted;
import io.identity.events.company.CompanySettingsChanged;
import io.identity.events.company.CompanyUpdated;
import io.identity.events.company.MemberJoined;
import io.identity.events.company.MemberRemoved;
import io.identity.events.company.MemberRoleChanged;
import io.identity.events.company.SecondFactorRequirementChanged;
import io.identity.events.user.UserErased;
import io.identity.query.processing.ProjectionJdbc;
import io.identity.query.rebuild.ReadModel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * The {@code companies}, {@code memberships} and {@code membership_history} read models. History periods are
 * keyed by their start, so a replayed event writes the same row again, never a second one; and an event ends only
 * a period that began before it, never the one it began itself, so applying it again (a retried batch, a segment
 * taken over) leaves the history as it was.
 */
@ReadModel(
        tables = {"companies", "memberships", "membership_history"},
        sharedByGroup = "erased_users")
@Component
@ProcessingGroup("companies")
class CompaniesProjection {

    private final ProjectionJdbc jdbc;

    CompaniesProjection(ProjectionJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CompanyCreated event) {
        jdbc.later(
                "INSERT INTO companies (company_id, name, description, created_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (company_id) DO NOTHING",
                event.companyId(),
                event.name(),
                event.description(),
                Timestamp.from(event.createdAt()));
    }

    @EventHandler
    void on(CompanyUpdated event) {
        if (event.changed().containsKey("name")) {
            jdbc.later(
                    "UPDATE companies SET name = ? WHERE company_id = ?",
                    event.changed().get("name"),
                    event.companyId());
        }
        if (event.changed().containsKey("description")) {
            jdbc.later(
                    "UPDATE companies SET description = ? WHERE company_id = ?",
                    event.changed().get("description"),
                    event.companyId());
        }
    }

    @EventHandler
    void on(SecondFactorRequirementChanged event) {
        jdbc.later("UPDATE companies SET require_mfa = ? WHERE company_id = ?", event.required(), event.companyId());
    }

    @EventHandler
    void on(CompanySettingsChanged event) {
        jdbc.later(
                "UPDATE companies SET default_invitation_role = ?, invitation_expiry_days = ?, "
                        + "allowed_email_domains = ? WHERE company_id = ?",
                event.defaultInvitationRole().name(),
                event.invitationExpiryDays(),
                event.allowedEmailDomains().toArray(String[]::new),
                event.companyId());
    }

    @EventHandler
    void on(MemberJoined event) {
        jdbc.later(
                "INSERT INTO memberships (company_id, user_id, role, joined_at) SELECT ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM erased_users WHERE processing_group = 'companies' "
                        + "AND user_id = ?) ON CONFLICT (company_id, user_id) DO UPDATE SET role = EXCLUDED.role",
                event.companyId(),
                event.userId(),
                event.role().name(),
                Timestamp.from(event.joinedAt()),
                event.userId());
        startPeriod(event.companyId(), event.userId(), event.role().name(), event.joinedAt());
    }

    @EventHandler
    void on(MemberRoleChanged event) {
        jdbc.later(
                "UPDATE memberships SET role = ? WHERE company_id = ? AND user_id = ?",
                event.role().name(),
                event.companyId(),
                event.userId());
        endPeriod(event.companyId(), event.userId(), event.changedAt());
        startPeriod(event.companyId(), event.userId(), event.role().name(), event.changedAt());
    }

    @EventHandler
    void on(MemberRemoved event) {
        jdbc.later("DELETE FROM memberships WHERE company_id = ? AND user_id = ?", event.companyId(), event.userId());
        endPeriod(event.companyId(), event.userId(), event.removedAt());
    }

    /** Gone from reads: the company and its memberships; its history stays in the event store. */
    @EventHandler
    void on(CompanyDeleted event) {
        jdbc.later(
                "UPDATE companies SET deleted_at = ? WHERE company_id = ?",
                Timestamp.from(event.deletedAt()),
                event.companyId());
        jdbc.later("DELETE FROM memberships WHERE company_id = ?", event.companyId());
    }

    /** An erased person's memberships go, past ones too; the company's own history keeps the facts. */
    @EventHandler
    void on(UserErased event) {
        jdbc.later(
                "INSERT INTO erased_users (processing_group, user_id) VALUES ('companies', ?) "
                        + "ON CONFLICT DO NOTHING",
                event.userId());
        jdbc.later("DELETE FROM memberships WHERE user_id = ?", event.userId());
        jdbc.later("DELETE FROM membership_history WHERE user_id = ?", event.userId());
    }

    /**
     * Opens the period from {@code from}; applied again it finds its row and leaves its end alone. Two changes at
     * the same instant share one period: the later one's role holds, as it does on the first pass.
     */
    private void startPeriod(UUID companyId, UUID userId, String role, Instant from) {
        jdbc.later(
                "INSERT INTO membership_history (company_id, user_id, role, valid_from) SELECT ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM erased_users WHERE processing_group = 'companies' "
                        + "AND user_id = ?) ON CONFLICT (company_id, user_id, valid_from) DO UPDATE "
                        + "SET role = EXCLUDED.role",
                companyId,
                userId,
                role,
                Timestamp.from(from),
                userId);
    }

    /**
     * Ends the open period that began strictly before {@code to}: the one an event applied again has opened itself
     * at {@code to} stays open, and a period already ended keeps its end.
     */
    private void endPeriod(UUID companyId, UUID userId, Instant to) {
        jdbc.later(
                "UPDATE membership_history SET valid_to = ? WHERE company_id = ? AND user_id = ? "
                        + "AND valid_to IS NULL AND valid_from < ?",
                Timestamp.from(to),
                companyId,
                userId,
                Timestamp.from(to));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE companies, memberships, membership_history");
        jdbc.update("DELETE FROM erased_users WHERE processing_group = 'companies'");
    }
}
