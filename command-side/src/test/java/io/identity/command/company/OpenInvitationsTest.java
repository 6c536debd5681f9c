package io.identity.command.company;

import static io.identity.command.IdentityMatchers.withCode;
import static io.identity.command.company.CompanyFixtures.ADAM;
import static io.identity.command.company.CompanyFixtures.COMPANY;
import static io.identity.command.company.CompanyFixtures.MIA;
import static io.identity.command.company.CompanyFixtures.NOW;
import static io.identity.command.company.CompanyFixtures.OLGA;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import io.identity.command.kernel.EmailAddresses;
import io.identity.events.company.CompanyDeleted;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.CompanySettingsChanged;
import io.identity.events.company.InvitationClosed;
import io.identity.events.company.InvitationOpened;
import io.identity.events.company.MemberJoined;
import io.identity.events.company.MemberRemoved;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.InvitationResent;
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

/**
 * Who may invite whom, and the rules a company keeps for its invitations, from its own events: one open invitation
 * per address, the role it invited with, and every open one closed when it is deleted.
 */
class OpenInvitationsTest {

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
        return new InviteMember(COMPANY, actor, INVITATION, email, role, invitee);
    }

    private static InvitationOpened opened(String email, CompanyRole role, UUID by) {
        return new InvitationOpened(COMPANY, INVITATION, EmailAddresses.hash(email), role, by, NOW);
    }

    /** An invitation as the company's stream held it before invitations had streams of their own. */
    private static MemberInvited invitedInTheCompanysStream(String email, CompanyRole role, UUID by) {
        return new MemberInvited(INVITATION, COMPANY, email, role, by, "hash1", WEEK, NOW);
    }

    @Test
    void ownersInviteWithAnyRoleAndTheDefaultIsTheCompanys() {
        company()
                .when(invite(OLGA, "new@example.com", CompanyRole.OWNER, null))
                .expectEvents(opened("new@example.com", CompanyRole.OWNER, OLGA))
                .expectResultMessagePayload(new InvitationTerms("Engines", CompanyRole.OWNER, WEEK));
        company()
                .when(invite(OLGA, "new@example.com", null, null))
                .expectEvents(opened("new@example.com", CompanyRole.MEMBER, OLGA));
        company()
                .andGiven(new CompanySettingsChanged(COMPANY, CompanyRole.ADMIN, 3, List.of(), OLGA, NOW))
                .when(invite(OLGA, "new@example.com", null, null))
                .expectEvents(opened("new@example.com", CompanyRole.ADMIN, OLGA))
                .expectResultMessagePayload(
                        new InvitationTerms("Engines", CompanyRole.ADMIN, NOW.plus(Duration.ofDays(3))));
    }

    @Test
    void adminsInviteAdminsAndMembersOnlyMembersNobody() {
        company()
                .when(invite(ADAM, "new@example.com", CompanyRole.ADMIN, null))
                .expectEvents(opened("new@example.com", CompanyRole.ADMIN, ADAM));
        company()
                .when(invite(ADAM, "new@example.com", CompanyRole.OWNER, null))
                .expectException(withCode(ErrorCode.FORBIDDEN));
        company()
                .when(invite(MIA, "new@example.com", CompanyRole.MEMBER, null))
                .expectException(withCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void membersAreNotInvitedAgainNorAnAddressTwiceWhileOpen() {
        company()
                .when(invite(OLGA, "mia@example.com", CompanyRole.MEMBER, MIA))
                .expectException(withCode(ErrorCode.ALREADY_MEMBER));
        company()
                .andGiven(opened("New@Example.com", CompanyRole.MEMBER, OLGA))
                .when(new InviteMember(COMPANY, OLGA, UUID.randomUUID(), "new@EXAMPLE.com", null, null))
                .expectException(withCode(ErrorCode.INVITATION_PENDING));
        var again = UUID.randomUUID();
        company()
                .andGiven(
                        opened("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationClosed(COMPANY, INVITATION, NOW))
                .when(new InviteMember(COMPANY, OLGA, again, "new@example.com", null, null))
                .expectEvents(new InvitationOpened(
                        COMPANY, again, EmailAddresses.hash("new@example.com"), CompanyRole.MEMBER, OLGA, NOW));
    }

    @Test
    void anInvitationInTheCompanysStreamCountsUntilItEndedThere() {
        company()
                .andGiven(
                        invitedInTheCompanysStream("New@Example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationResent(INVITATION, COMPANY, "hash2", WEEK, OLGA, NOW))
                .when(new InviteMember(COMPANY, OLGA, UUID.randomUUID(), "new@example.com", null, null))
                .expectException(withCode(ErrorCode.INVITATION_PENDING));
        company()
                .andGiven(
                        invitedInTheCompanysStream("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationDeclined(INVITATION, COMPANY, NOW))
                .when(new InviteMember(COMPANY, OLGA, UUID.randomUUID(), "new@example.com", null, null))
                .expectSuccessfulHandlerExecution();
        company()
                .andGiven(invitedInTheCompanysStream("boss@example.com", CompanyRole.OWNER, OLGA))
                .when(new CancelInvitation(COMPANY, ADAM, INVITATION))
                .expectException(withCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void anAddressOutsideTheAllowedDomainsIsRefused() {
        company()
                .andGiven(new CompanySettingsChanged(COMPANY, CompanyRole.MEMBER, 7, List.of("example.com"), OLGA, NOW))
                .when(invite(OLGA, "someone@elsewhere.org", null, null))
                .expectException(withCode(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void resendingStartsTheExpiryOverAndRevokingClosesIt() {
        fixture = CompanyFixtures.fixture(NOW.plus(Duration.ofDays(2)));
        company()
                .andGiven(opened("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new RenewInvitation(COMPANY, ADAM, INVITATION))
                .expectNoEvents()
                .expectResultMessagePayload(
                        new InvitationTerms("Engines", CompanyRole.MEMBER, WEEK.plus(Duration.ofDays(2))));
        company()
                .andGiven(opened("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new CancelInvitation(COMPANY, ADAM, INVITATION))
                .expectEvents(new InvitationClosed(COMPANY, INVITATION, NOW.plus(Duration.ofDays(2))));
        company()
                .andGiven(
                        opened("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationClosed(COMPANY, INVITATION, NOW))
                .when(new RenewInvitation(COMPANY, ADAM, INVITATION))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
    }

    @Test
    void adminsDoNotTouchInvitationsOfOwnersNorMembersAnything() {
        company()
                .andGiven(opened("boss@example.com", CompanyRole.OWNER, OLGA))
                .when(new CancelInvitation(COMPANY, ADAM, INVITATION))
                .expectException(withCode(ErrorCode.FORBIDDEN));
        company()
                .andGiven(opened("boss@example.com", CompanyRole.OWNER, OLGA))
                .when(new RenewInvitation(COMPANY, ADAM, INVITATION))
                .expectException(withCode(ErrorCode.FORBIDDEN));
        company()
                .andGiven(opened("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new CancelInvitation(COMPANY, MIA, INVITATION))
                .expectException(withCode(ErrorCode.FORBIDDEN));
        company()
                .when(new CancelInvitation(COMPANY, OLGA, UUID.randomUUID()))
                .expectException(withCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void theInviteeJoinsWithTheInvitedRoleAndTheInvitationCloses() {
        var newcomer = UUID.randomUUID();
        company()
                .andGiven(opened("new@example.com", CompanyRole.ADMIN, OLGA))
                .when(new JoinByInvitation(COMPANY, INVITATION, newcomer))
                .expectEvents(
                        new MemberJoined(COMPANY, newcomer, CompanyRole.ADMIN, NOW),
                        new InvitationClosed(COMPANY, INVITATION, NOW))
                .expectResultMessagePayload("Engines");
        company()
                .andGiven(opened("mia@example.com", CompanyRole.ADMIN, OLGA))
                .when(new JoinByInvitation(COMPANY, INVITATION, MIA))
                .expectEvents(new InvitationClosed(COMPANY, INVITATION, NOW));
        company()
                .andGiven(
                        opened("new@example.com", CompanyRole.ADMIN, OLGA),
                        new InvitationClosed(COMPANY, INVITATION, NOW))
                .when(new JoinByInvitation(COMPANY, INVITATION, newcomer))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING))
                .expectNoEvents();
    }

    @Test
    void closingIsIdempotent() {
        company()
                .andGiven(opened("new@example.com", CompanyRole.MEMBER, OLGA))
                .when(new CloseInvitation(COMPANY, INVITATION))
                .expectEvents(new InvitationClosed(COMPANY, INVITATION, NOW));
        company()
                .andGiven(
                        opened("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationClosed(COMPANY, INVITATION, NOW))
                .when(new CloseInvitation(COMPANY, INVITATION))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void deletingTheCompanyClosesItsOpenInvitationsAndNamesThemForRevocation() {
        var closedBefore = UUID.randomUUID();
        company()
                .andGiven(
                        opened("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationOpened(
                                COMPANY,
                                closedBefore,
                                EmailAddresses.hash("old@example.com"),
                                CompanyRole.MEMBER,
                                OLGA,
                                NOW),
                        new InvitationClosed(COMPANY, closedBefore, NOW))
                .when(new DeleteCompany(COMPANY, OLGA))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        equalTo(new InvitationClosed(COMPANY, INVITATION, NOW)),
                        instanceOf(MemberRemoved.class),
                        instanceOf(MemberRemoved.class),
                        instanceOf(MemberRemoved.class),
                        equalTo(new CompanyDeleted(COMPANY, OLGA, NOW)),
                        andNoMore())))
                .expectResultMessagePayload(List.of(INVITATION));
    }

    @Test
    void aDeletedCompanyCountsNoInvitationAndTakesNoMember() {
        company()
                .andGiven(
                        opened("new@example.com", CompanyRole.MEMBER, OLGA),
                        new InvitationClosed(COMPANY, INVITATION, NOW),
                        new CompanyDeleted(COMPANY, OLGA, NOW))
                .when(new CloseInvitation(COMPANY, INVITATION))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        company()
                .andGiven(opened("new@example.com", CompanyRole.MEMBER, OLGA), new CompanyDeleted(COMPANY, OLGA, NOW))
                .when(new JoinByInvitation(COMPANY, INVITATION, UUID.randomUUID()))
                .expectException(withCode(ErrorCode.INVITATION_NOT_PENDING));
    }
}
