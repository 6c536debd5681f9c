package io.identity.events.company;

/** Why a member left a company; the names are part of the event contract. */
public enum RemovalReason {
    /** Their own doing. */
    LEFT,
    /** By an OWNER or ADMIN. */
    REMOVED,
    /** The company was deleted. */
    COMPANY_DELETED
}
