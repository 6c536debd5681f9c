package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Unlock a locked account (an operator's decision, checked by the caller). */
public record UnlockUser(@TargetAggregateIdentifier UUID userId, UUID operatorId) {}
