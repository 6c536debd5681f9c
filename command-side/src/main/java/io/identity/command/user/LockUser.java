package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lock the account (an operator's decision, checked by the caller): it cannot sign in until unlocked. */
public record LockUser(@TargetAggregateIdentifier UUID userId, String reason, UUID operatorId) {}
