package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user removes a provider's account from their ways to sign in. */
public record UnlinkExternalIdentity(
        @TargetAggregateIdentifier UUID userId, String provider) {}
