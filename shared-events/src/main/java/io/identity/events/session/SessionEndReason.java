package io.identity.events.session;

/** Why a session ended; the names are part of the event contract. */
public enum SessionEndReason {
    /** The user signed out of this session. */
    LOGOUT,
    /** The user ended this session from another one. */
    REVOKED,
    /** A refresh token of this session was presented a second time: it may have been stolen. */
    REFRESH_TOKEN_REUSED,
    /** The password changed or was reset. */
    PASSWORD_CHANGED,
    /** The account was deactivated or erased. */
    ACCOUNT_CLOSED,
    /** An operator locked the account (§14). */
    ACCOUNT_LOCKED,
    /** An operator ended the user's sessions (§14). */
    OPERATOR
}
