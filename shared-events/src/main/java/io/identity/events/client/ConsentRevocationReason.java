package io.identity.events.client;

/** Why a consent ended; the names are part of the event contract. */
public enum ConsentRevocationReason {
    /** The person revoked the application (connected applications), or denied it everything it asked again. */
    BY_USER,
    /** The client's registration was deleted. */
    CLIENT_DELETED,
    /** The person was erased. */
    ERASED
}
