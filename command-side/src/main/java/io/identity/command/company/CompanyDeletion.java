package io.identity.command.company;

import java.util.UUID;

/**
 * Deleting a company, which ends its open invitations in the same change: the invitations are aggregates of their own
 * ({@code io.identity.command.invitation}), which provides this.
 */
public interface CompanyDeletion {

    /** Deletes the company and withdraws the invitations it had open, in one unit of work. */
    void delete(UUID companyId, UUID actorId);
}
