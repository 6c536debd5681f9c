package io.identity.events.company;

/** A member's role in a company; the names are part of the event and HTTP contract. */
public enum CompanyRole {
    OWNER,
    ADMIN,
    MEMBER
}
