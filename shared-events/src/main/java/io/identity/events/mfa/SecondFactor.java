package io.identity.events.mfa;

/** The kinds of second factor (§13), as the sign-in's {@code factors} name them in lower case. */
public enum SecondFactor {
    /** A code of an authenticator app (RFC 6238). */
    TOTP,
    /** One of the ten codes given for when the authenticator is lost. */
    RECOVERY_CODE,
    /** A passkey (WebAuthn). */
    WEBAUTHN
}
