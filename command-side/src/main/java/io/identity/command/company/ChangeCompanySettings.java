package io.identity.command.company;

import io.identity.events.company.CompanyRole;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change invitation settings and the second-factor rule; null leaves a setting as it is. {@code actorId} is who
 * asks: the Company decides from its own members whether they may; {@code actorUsedSecondFactor} is whether the
 * asking session was signed in with a second factor (§13), which switching the rule needs.
 */
record ChangeCompanySettings(
        @TargetAggregateIdentifier UUID companyId,
        UUID actorId,
        CompanyRole defaultInvitationRole,
        Integer invitationExpiryDays,
        List<String> allowedEmailDomains,
        Boolean requireMfa,
        boolean actorUsedSecondFactor) {}
