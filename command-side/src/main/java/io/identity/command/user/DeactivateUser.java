package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close the account (the current password and the last-owner rule were checked by the caller). */
public record DeactivateUser(@TargetAggregateIdentifier UUID userId) {}
