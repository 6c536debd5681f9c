package io.identity.events.mail;

/** What became of a mail; the names are part of the event contract. */
public enum DeliveryStatus {
    SENT,
    /** Given up after its last attempt. */
    FAILED
}
