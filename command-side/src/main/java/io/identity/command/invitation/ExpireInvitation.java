package io.identity.command.invitation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a pending invitation whose time ran out (the expiry job's doing); answers whether it closed it now. */
record ExpireInvitation(@TargetAggregateIdentifier UUID invitationId) {}
