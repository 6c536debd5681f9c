package io.identity.command.company;

import io.identity.events.company.CompanyRole;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change invitation settings; null leaves a setting as it is. {@code actorId} is who asks: the Company decides
 * from its own members whether they may.
 */
record ChangeCompanySettings(
        @TargetAggregateIdentifier UUID companyId,
        UUID actorId,
        CompanyRole defaultInvitationRole,
        Integer invitationExpiryDays,
        List<String> allowedEmailDomains) {}
