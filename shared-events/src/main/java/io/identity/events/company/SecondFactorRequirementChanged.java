package io.identity.events.company;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An owner switched the company's second-factor rule (§13) on or off: while it is on, a member whose session did
 * not use a second factor is refused on the company's endpoints ({@code 403 mfa_required}).
 */
@Revision("1")
public record SecondFactorRequirementChanged(UUID companyId, boolean required, UUID changedBy, Instant changedAt) {}
