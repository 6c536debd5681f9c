package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The company's part of an invitation's end that it does not decide (declined, expired, withdrawn): it no longer
 * counts as pending. Idempotent; answers the company's name, for the notices of the answer.
 */
public record CloseInvitation(@TargetAggregateIdentifier UUID companyId, UUID invitationId) {}
