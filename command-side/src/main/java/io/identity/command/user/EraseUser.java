package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase the user's personal data (the current password and the last-owner rule were checked by the caller). */
public record EraseUser(@TargetAggregateIdentifier UUID userId) {
}
