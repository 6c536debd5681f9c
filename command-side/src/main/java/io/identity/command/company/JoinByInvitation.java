package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The company's part of an acceptance: {@code userId} joins with the role the company invited with, and the
 * invitation no longer counts as pending. Answers the company's name.
 */
public record JoinByInvitation(@TargetAggregateIdentifier UUID companyId, UUID invitationId, UUID userId) {}
