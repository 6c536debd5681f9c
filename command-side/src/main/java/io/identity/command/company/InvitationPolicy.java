package io.identity.command.company;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.company.CompanyRole;
import io.identity.events.company.CompanySettingsChanged;
import io.identity.events.company.SecondFactorRequirementChanged;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The company's settings for its invitations, an entity of the {@link Company}: the role an invitation gives when
 * it names none (never OWNER), how many days an invitation lasts, and the only address domains it may go to (none:
 * any). OWNERs and ADMINs change them. Beside them, whether the company requires its members to sign in with a
 * second factor (§13), which only an OWNER switches, from a session that used one.
 */
class InvitationPolicy {

    private final Company company;
    private CompanyRole defaultRole = CompanyRole.MEMBER;
    private int expiryDays = 7;
    private List<String> allowedEmailDomains = List.of();
    private boolean requireMfa;

    InvitationPolicy(Company company) {
        this.company = company;
    }

    @CommandHandler
    void handle(ChangeCompanySettings command, Clock clock) {
        company.requireManager(command.actorId());
        if (command.requireMfa() != null && command.requireMfa() != requireMfa) {
            // only an owner, and only from a session that used a second factor, so no one locks the company out
            if (company.roleOf(command.actorId()) != CompanyRole.OWNER) {
                throw Company.forbidden("Only owners change whether the company requires a second factor.");
            }
            if (!command.actorUsedSecondFactor()) {
                throw IdentityException.secondFactorMissing();
            }
            apply(new SecondFactorRequirementChanged(
                    company.id(), command.requireMfa(), command.actorId(), clock.instant()));
        }
        var role = Objects.requireNonNullElse(command.defaultInvitationRole(), defaultRole);
        var days = Objects.requireNonNullElse(command.invitationExpiryDays(), expiryDays);
        var domains = Objects.requireNonNullElse(command.allowedEmailDomains(), allowedEmailDomains);
        if (role == CompanyRole.OWNER) {
            throw Company.forbidden("Invitations cannot make owners by default.");
        }
        if (role != defaultRole || days != expiryDays || !domains.equals(allowedEmailDomains)) {
            apply(new CompanySettingsChanged(company.id(), role, days, domains, command.actorId(), clock.instant()));
        }
    }

    CompanyRole defaultRole() {
        return defaultRole;
    }

    int expiryDays() {
        return expiryDays;
    }

    List<String> allowedEmailDomains() {
        return allowedEmailDomains;
    }

    boolean requireMfa() {
        return requireMfa;
    }

    @EventSourcingHandler
    void on(SecondFactorRequirementChanged event) {
        requireMfa = event.required();
    }

    @EventSourcingHandler
    void on(CompanySettingsChanged event) {
        defaultRole = event.defaultInvitationRole();
        expiryDays = event.invitationExpiryDays();
        allowedEmailDomains = event.allowedEmailDomains();
    }
}
