package io.identity.command.invitation;

import static io.identity.command.IdentityMatchers.withCode;
import static io.identity.command.company.CompanyFixtures.ADAM;
import static io.identity.command.company.CompanyFixtures.COMPANY;
import static io.identity.command.company.CompanyFixtures.NOW;
import static io.identity.command.company.CompanyFixtures.OLGA;

import io.identity.events.company.CompanyRole;
import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationExpired;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import io.identity.support.problem.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.Test;

/** An invitation's own life: its link, its address, its time, and every way it ends, once. */
class InvitationTest {

    private static final Instant WEEK = NOW.plus(Duration.ofDays(7));
    private static final UUID INVITATION = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    private static final UUID NEWCOMER = UUID.fromString("00000000-0000-0000-0000-0000000000d1");

    private AggregateTestFixture<Invitation> fixture = at(NOW);

    private static AggregateTestFixture<Invitation> at(Instant now) {
        var fixture = new AggregateTestFixture<>(Invitation.class);
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        return fixture;
    }

    private static MemberInvited invited(String email) {
        return new MemberInvited(INVITATION, COMPANY, email, CompanyRole.ADMIN, OLGA, "hash1", WEEK, NOW);
    }

    private TestExecutor<Invitation> pending() {
        return fixture.given(invited("New@Example.com"));
    }

    @Test
    void anInvitationIsIssuedAsTheCompanyDecidedIt() {
        fixture.givenNoPriorActivity()
                .when(new IssueInvitation(
                        INVITATION, COMPANY, "New@Example.com", CompanyRole.ADMIN, OLGA, "hash1", WEEK))
                .expectEvents(invited("New@Example.com"));
    }

    @Test
    void theInvitedAddressAcceptsWithTheCurrentLink() {
        pending()
                .when(new AcceptInvitation(INVITATION, "hash1", NEWCOMER, "new@example.COM"))
                .expectEvents(new InvitationAccepted(INVITATION, COMPANY, NEWCOMER, NOW))
                .expectResultMessagePayload(new Invitation.Answer(COMPANY, OLGA, "New@Example.com"));
    }

    @Test
    void anotherOrUnverifiedAddressCannotAccept() {
        pending()
                .when(new AcceptInvitation(INVITATION, "hash1", NEWCOMER, "other@example.com"))
                .expectException(withCode(ErrorCode.INVITATION_EMAIL_MISMATCH))
                .expectNoEvents();
        pending()
                .when(new AcceptInvitation(INVITATION, "hash1", NEWCOMER, null))
                .expectException(withCode(ErrorCode.INVITATION_EMAIL_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void aResendReplacesTheLinkAndTheExpiry() {
        var later = WEEK.plus(Duration.ofDays(3));
        pending()
                .when(new ResendInvitation(INVITATION, ADAM, "hash2", later))
                .expectEvents(new InvitationResent(INVITATION, COMPANY, "hash2", later, ADAM, NOW))
                .expectResultMessagePayload("New@Example.com");
        fixture.given(invited("new@example.com"), new InvitationResent(INVITATION, COMPANY, "hash2", later, ADAM, NOW))
                .when(new DeclineInvitation(INVITATION, "hash1"))
                .expectException(withCode(ErrorCode.NOT_FOUND))
                .expectNoEvents();
        fixture = at(WEEK.plusSeconds(1));
        fixture.given(invited("new@example.com"), new InvitationResent(INVITATION, COMPANY, "hash2", later, ADAM, NOW))
                .when(new DeclineInvitation(INVITATION, "hash2"))
                .expectEvents(new InvitationDeclined(INVITATION, COMPANY, WEEK.plusSeconds(1)));
    }

    @Test
    void anUnknownLinkFindsNothingWhatever() {
        pending().when(new DeclineInvitation(INVITATION, null)).expectException(withCode(ErrorCode.NOT_FOUND));
        pending()
                .when(new AcceptInvitation(INVITATION, "hash9", NEWCOMER, "new@example.com"))
                .expectException(withCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void anAnsweredInvitationIsNoLongerPending() {
        fixture.given(invited("new@example.com"), new InvitationDeclined(INVITATION, COMPANY, NOW))
                .when(new AcceptInvitation(INVITATION, "hash1", NEWCOMER, "new@example.com"))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
        fixture.given(invited("new@example.com"), new InvitationAccepted(INVITATION, COMPANY, NEWCOMER, NOW))
                .when(new AcceptInvitation(INVITATION, "hash1", NEWCOMER, "new@example.com"))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
        fixture.given(invited("new@example.com"), new InvitationAccepted(INVITATION, COMPANY, NEWCOMER, NOW))
                .when(new ResendInvitation(INVITATION, OLGA, "hash2", WEEK))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
    }

    @Test
    void aRevokedInvitationIsNoLongerPending() {
        pending()
                .when(new RevokeInvitation(INVITATION, ADAM))
                .expectEvents(new InvitationRevoked(INVITATION, COMPANY, ADAM, NOW));
        fixture.given(invited("new@example.com"), new InvitationRevoked(INVITATION, COMPANY, ADAM, NOW))
                .when(new RevokeInvitation(INVITATION, OLGA))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
        fixture.given(invited("new@example.com"), new InvitationRevoked(INVITATION, COMPANY, ADAM, NOW))
                .when(new DeclineInvitation(INVITATION, "hash1"))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
    }

    @Test
    void expiredInvitationCannotBeAcceptedEvenBeforeItsDeadlineFired() {
        fixture = at(WEEK);
        pending()
                .when(new AcceptInvitation(INVITATION, "hash1", NEWCOMER, "new@example.com"))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
        pending()
                .when(new RevokeInvitation(INVITATION, OLGA))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
        pending()
                .when(new ExpireInvitation(INVITATION))
                .expectEvents(new InvitationExpired(INVITATION, COMPANY, WEEK))
                .expectResultMessagePayload(true);
        fixture.given(invited("new@example.com"), new InvitationDeclined(INVITATION, COMPANY, NOW))
                .when(new ExpireInvitation(INVITATION))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    /** Its company was deleted, or its invitee had their address erased: revoked while pending only, once. */
    @Test
    void aWithdrawnInvitationIsRevokedWhilePendingOnly() {
        pending()
                .when(new WithdrawInvitation(INVITATION, null))
                .expectEvents(new InvitationRevoked(INVITATION, COMPANY, null, NOW))
                .expectResultMessagePayload(true);
        pending()
                .when(new WithdrawInvitation(INVITATION, OLGA))
                .expectEvents(new InvitationRevoked(INVITATION, COMPANY, OLGA, NOW));
        fixture.given(invited("new@example.com"), new InvitationRevoked(INVITATION, COMPANY, OLGA, NOW))
                .when(new WithdrawInvitation(INVITATION, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(invited("new@example.com"), new InvitationDeclined(INVITATION, COMPANY, NOW))
                .when(new WithdrawInvitation(INVITATION, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** A company's deletion revokes its pending invitations: whoever held the link finds it no longer pending. */
    @Test
    void anInvitationOfADeletedCompanyIsNoLongerPending() {
        fixture.given(invited("new@example.com"), new InvitationRevoked(INVITATION, COMPANY, OLGA, NOW))
                .when(new AcceptInvitation(INVITATION, "hash1", NEWCOMER, "new@example.com"))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
    }
}
