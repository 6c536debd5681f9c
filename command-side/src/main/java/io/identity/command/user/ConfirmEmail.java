package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark the address verified: it was proven another way (an invitation's link reached it). */
record ConfirmEmail(@TargetAggregateIdentifier UUID userId) {}
