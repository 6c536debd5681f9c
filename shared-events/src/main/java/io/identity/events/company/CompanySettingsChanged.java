package io.identity.events.company;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The company's invitation settings, as they are now (all three, whichever changed). */
@Revision("1")
public record CompanySettingsChanged(
        UUID companyId,
        CompanyRole defaultInvitationRole,
        int invitationExpiryDays,
        List<String> allowedEmailDomains,
        UUID changedBy,
        Instant changedAt) {

    public CompanySettingsChanged {
        allowedEmailDomains = List.copyOf(allowedEmailDomains);
    }
}
