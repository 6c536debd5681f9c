package io.identity.command.company;

import java.util.Set;
import java.util.UUID;

/**
 * Which of a company's owners can still act for it: those whose account is active. A company never loses its
 * last such owner, whether by a role change, a removal or the owner's account closing.
 */
interface OwnerAccounts {

    /**
     * How many of these owners of the company have an active account. Holds the company's ownership lock until the
     * transaction ends, so that an owner's account closing and a change of the company's owners never pass each
     * other unseen.
     */
    long active(UUID companyId, Set<UUID> owners);
}
