package io.identity.events.mail;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * What became of a mail about {@code subjectId} (a user, an invitation): SENT, or FAILED once given up, after
 * {@code attempts} attempts. An audit fact outside any aggregate; the address is not in it.
 */
@Revision("1")
public record MailDelivery(UUID subjectId, String template, DeliveryStatus status, int attempts, Instant at) {}
