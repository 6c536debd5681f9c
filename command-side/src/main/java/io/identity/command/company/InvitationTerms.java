package io.identity.command.company;

import io.identity.events.company.CompanyRole;
import java.time.Instant;

/** What the company decided of an invitation it opens or renews: for the invitation itself, its mail and the response. */
public record InvitationTerms(String companyName, CompanyRole role, Instant expiresAt) {}
