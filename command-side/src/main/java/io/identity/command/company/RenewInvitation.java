package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The company's part of a resend: may the actor resend this invitation, and until when does the new link hold? */
public record RenewInvitation(@TargetAggregateIdentifier UUID companyId, UUID actorId, UUID invitationId) {}
