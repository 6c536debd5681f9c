package io.identity.command.company;

import static io.identity.command.IdentityMatchers.withCode;
import static io.identity.command.company.CompanyFixtures.ADAM;
import static io.identity.command.company.CompanyFixtures.COMPANY;
import static io.identity.command.company.CompanyFixtures.MIA;
import static io.identity.command.company.CompanyFixtures.NOW;
import static io.identity.command.company.CompanyFixtures.OLGA;

import io.identity.events.company.CompanyRole;
import io.identity.events.company.CompanySettingsChanged;
import io.identity.events.company.MemberJoined;
import io.identity.events.invitation.InvitationAccepted;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationExpired;
import io.identity.events.invitation.InvitationResent;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import io.identity.support.problem.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may invite whom, and the rules a company keeps for its invitations. */
class CompanyInvitationsTest {

    private static final Instant WEEK = NOW.plus(Duration.ofDays(7));
    private static final UUID INVITATION = UUID.fromString("00000000-0000-0000-0000-0000000000e1");

    private AggregateTestFixture<Company> fixture;

    @BeforeEach
    void setUp() {
        fixture = CompanyFixtures.fixture(NOW);
    }

    private TestExecutor<Company> company() {
        return CompanyFixtures.company(fixture);
    }

    private static InviteMember invite(UUID actor, String email, CompanyRole role, UUID invitee) {
        return new InviteMember(COMPANY, actor, INVITATION, email, role, invitee, "hash1");
    }

    private static MemberInvited invited(String email, CompanyRole role, UUID by) {
        return new MemberInvited(INVITATION, COMPANY, email, role, by, "hash1", WEEK, NOW);
    }

    @Test
    void ownersInviteWithAnyRoleAndTheDefaultIsTheCompanys() {
        company().when(invite(OLGA, "new@example.com", CompanyRole.OWNER, null))
                .expectEvents(invited("new@example.com", CompanyRole.OWNER, OLGA));
        company().when(invite(OLGA, "new@example.com", null, null))
                .expectEvents(invited("new@example.com", CompanyRole.MEMBER, OLGA));
    }

    @Test
    void adminsInviteAdminsAndMembersOnlyMembersNobody() {
        company().when(invite(ADAM, "new@example.com", CompanyRole.ADMIN, null))
                .expectEvents(invited("new@example.com", CompanyRole.ADMIN, ADAM));
        company().when(invite(ADAM, "new@example.com", CompanyRole.OWNER, null))
                .expectException(withCode(ErrorCode.FORBIDDEN));
        company().when(invite(MIA, "new@example.com", CompanyRole.MEMBER, null))
                .expectException(withCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void membersAreNotInvitedAgainNorAnAddressTwice() {
        company().when(invite(OLGA, "mia@example.com", CompanyRole.MEMBER, MIA))
                .expectException(withCode(ErrorCode.ALREADY_MEMBER));
        company().andGiven(invited("New@Example.com", CompanyRole.MEMBER, OLGA))
                .when(new InviteMember(COMPANY, OLGA, UUID.randomUUID(), "new@EXAMPLE.com", null, null, "hash2"))
                .expectException(withCode(ErrorCode.INVITATION_PENDING));
    }

    @Test
    void anAddressOutsideTheAllowedDomainsIsRefused() {
        company().andGiven(new CompanySettingsChanged(COMPANY, CompanyRole.MEMBER, 7, List.of("example.com"), OLGA, NOW))
                .when(invite(OLGA, "someone@elsewhere.org", null, null))
                .expectException(withCode(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void resendingGivesANewLinkAndRevokingEndsIt() {
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new ResendInvitation(COMPANY, ADAM, INVITATION, "hash2"))
                .expectEvents(new InvitationResent(INVITATION, COMPANY, "hash2", WEEK, ADAM, NOW));
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new RevokeInvitation(COMPANY, ADAM, INVITATION))
                .expectEvents(new InvitationRevoked(INVITATION, COMPANY, ADAM, NOW));
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationRevoked(INVITATION, COMPANY, ADAM, NOW))
                .when(new ResendInvitation(COMPANY, ADAM, INVITATION, "hash2"))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
    }

    @Test
    void adminsDoNotTouchInvitationsOfOwnersNorMembersAnything() {
        company().andGiven(invited("boss@example.com", CompanyRole.OWNER, OLGA))
                .when(new RevokeInvitation(COMPANY, ADAM, INVITATION))
                .expectException(withCode(ErrorCode.FORBIDDEN));
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new RevokeInvitation(COMPANY, MIA, INVITATION))
                .expectException(withCode(ErrorCode.FORBIDDEN));
        company().when(new RevokeInvitation(COMPANY, OLGA, UUID.randomUUID()))
                .expectException(withCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void anExpiredInvitationIsNoLongerPending() {
        fixture = CompanyFixtures.fixture(WEEK.plusSeconds(1));
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new RevokeInvitation(COMPANY, OLGA, INVITATION))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
    }

    @Test
    void theInviteeAcceptsAndJoinsWithTheInvitedRoleInOneChange() {
        var newcomer = UUID.randomUUID();
        company().andGiven(invited("New@Example.com", CompanyRole.ADMIN, OLGA))
                .when(new AcceptInvitation(COMPANY, INVITATION, "hash1", newcomer, "new@example.COM"))
                .expectEvents(new InvitationAccepted(INVITATION, COMPANY, newcomer, NOW),
                        new MemberJoined(COMPANY, newcomer, CompanyRole.ADMIN, NOW));
    }

    @Test
    void anotherOrUnverifiedAddressCannotAccept() {
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new AcceptInvitation(COMPANY, INVITATION, "hash1", UUID.randomUUID(), "other@example.com"))
                .expectException(withCode(ErrorCode.INVITATION_EMAIL_MISMATCH)).expectNoEvents();
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new AcceptInvitation(COMPANY, INVITATION, "hash1", UUID.randomUUID(), null))
                .expectException(withCode(ErrorCode.INVITATION_EMAIL_MISMATCH));
    }

    @Test
    void aReplacedLinkFindsNothingAndAnAnsweredOneIsNoLongerPending() {
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationResent(INVITATION, COMPANY, "hash2", WEEK, OLGA, NOW))
                .when(new DeclineInvitation(COMPANY, INVITATION, "hash1"))
                .expectException(withCode(ErrorCode.NOT_FOUND));
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new DeclineInvitation(COMPANY, INVITATION, "hash1"))
                .expectEvents(new InvitationDeclined(INVITATION, COMPANY, NOW));
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationDeclined(INVITATION, COMPANY, NOW))
                .when(new AcceptInvitation(COMPANY, INVITATION, "hash1", UUID.randomUUID(), "new@example.com"))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
    }

    @Test
    void anExpiredInvitationCannotBeAcceptedEvenBeforeItsDeadlineFired() {
        fixture = CompanyFixtures.fixture(WEEK);
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new AcceptInvitation(COMPANY, INVITATION, "hash1", UUID.randomUUID(), "new@example.com"))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new ExpireInvitation(COMPANY, INVITATION))
                .expectEvents(new InvitationExpired(INVITATION, COMPANY, WEEK));
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationDeclined(INVITATION, COMPANY, NOW))
                .when(new ExpireInvitation(COMPANY, INVITATION))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    /** The invitee had their address erased: a pending invitation is withdrawn in nobody's name, once. */
    @Test
    void anInvitationToAnErasedAddressIsWithdrawnWhilePendingOnly() {
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new WithdrawInvitation(COMPANY, INVITATION))
                .expectEvents(new InvitationRevoked(INVITATION, COMPANY, null, NOW));
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationRevoked(INVITATION, COMPANY, null, NOW))
                .when(new WithdrawInvitation(COMPANY, INVITATION))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationDeclined(INVITATION, COMPANY, NOW))
                .when(new WithdrawInvitation(COMPANY, INVITATION))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void deletingTheCompanyRevokesItsPendingInvitations() {
        company().andGiven(invited("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new DeleteCompany(COMPANY, OLGA))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.listWithAnyOf(org.hamcrest.Matchers.equalTo(
                                new InvitationRevoked(INVITATION, COMPANY, OLGA, NOW)))));
    }
}
