package io.identity.command.company;

import static io.identity.command.IdentityMatchers.withCode;
import static io.identity.command.company.CompanyFixtures.ADAM;
import static io.identity.command.company.CompanyFixtures.COMPANY;
import static io.identity.command.company.CompanyFixtures.MIA;
import static io.identity.command.company.CompanyFixtures.NOW;
import static io.identity.command.company.CompanyFixtures.OLGA;
import static io.identity.command.company.CompanyFixtures.STRANGER;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyDeleted;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.CompanySettingsChanged;
import io.identity.events.company.CompanyUpdated;
import io.identity.events.company.MemberJoined;
import io.identity.events.company.MemberRemoved;
import io.identity.events.company.MemberRoleChanged;
import io.identity.events.company.RemovalReason;
import io.identity.events.company.SecondFactorRequirementChanged;
import io.identity.support.problem.ErrorCode;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The permission matrix of §6 and the last-owner rule, decided by the Company from its own members. */
class CompanyTest {

    private AggregateTestFixture<Company> fixture;

    @BeforeEach
    void setUp() {
        fixture = CompanyFixtures.fixture(NOW);
    }

    private TestExecutor<Company> company() {
        return CompanyFixtures.company(fixture);
    }

    @Test
    void creatorBecomesTheFirstOwner() {
        fixture.givenNoPriorActivity()
                .when(new CreateCompany(COMPANY, "Analytical Engines", "Difference", OLGA))
                .expectEvents(
                        new CompanyCreated(COMPANY, "Analytical Engines", "Difference", OLGA, NOW),
                        new MemberJoined(COMPANY, OLGA, CompanyRole.OWNER, NOW));
    }

    @Test
    void ownersAndAdminsUpdateTheCompanyMembersMayNot() {
        company()
                .when(new UpdateCompany(COMPANY, OLGA, Map.of("name", "New")))
                .expectEvents(new CompanyUpdated(COMPANY, Map.of("name", "New"), OLGA, NOW));
        company()
                .when(new UpdateCompany(COMPANY, ADAM, Map.of("name", "New")))
                .expectEvents(new CompanyUpdated(COMPANY, Map.of("name", "New"), ADAM, NOW));
        company()
                .when(new UpdateCompany(COMPANY, MIA, Map.of("name", "New")))
                .expectException(withCode(ErrorCode.FORBIDDEN));
        company()
                .when(new UpdateCompany(COMPANY, STRANGER, Map.of("name", "New")))
                .expectException(withCode(ErrorCode.NOT_FOUND));
        company()
                .when(new UpdateCompany(COMPANY, OLGA, Map.of("name", "Engines")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void ownersAndAdminsChangeSettingsMembersMayNot() {
        company()
                .when(new ChangeCompanySettings(
                        COMPANY, ADAM, CompanyRole.ADMIN, 14, List.of("example.com"), null, false))
                .expectEvents(
                        new CompanySettingsChanged(COMPANY, CompanyRole.ADMIN, 14, List.of("example.com"), ADAM, NOW));
        company()
                .when(new ChangeCompanySettings(COMPANY, MIA, null, 14, null, null, false))
                .expectException(withCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void onlyAnOwnerSignedInWithASecondFactorSwitchesTheSecondFactorRule() {
        company()
                .when(new ChangeCompanySettings(COMPANY, OLGA, null, null, null, true, true))
                .expectEvents(new SecondFactorRequirementChanged(COMPANY, true, OLGA, NOW));
        company()
                .when(new ChangeCompanySettings(COMPANY, OLGA, null, null, null, true, false))
                .expectException(withCode(ErrorCode.MFA_REQUIRED));
        company()
                .when(new ChangeCompanySettings(COMPANY, ADAM, null, null, null, true, true))
                .expectException(withCode(ErrorCode.FORBIDDEN));
        company()
                .when(new ChangeCompanySettings(COMPANY, OLGA, null, null, null, false, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void ownersChangeAnyRole() {
        company()
                .when(new ChangeMemberRole(COMPANY, OLGA, MIA, CompanyRole.OWNER))
                .expectEvents(new MemberRoleChanged(COMPANY, MIA, CompanyRole.MEMBER, CompanyRole.OWNER, OLGA, NOW));
        company()
                .when(new ChangeMemberRole(COMPANY, OLGA, ADAM, CompanyRole.MEMBER))
                .expectEvents(new MemberRoleChanged(COMPANY, ADAM, CompanyRole.ADMIN, CompanyRole.MEMBER, OLGA, NOW));
    }

    @Test
    void adminsChangeRolesOnlyBetweenAdminAndMember() {
        company()
                .when(new ChangeMemberRole(COMPANY, ADAM, MIA, CompanyRole.ADMIN))
                .expectEvents(new MemberRoleChanged(COMPANY, MIA, CompanyRole.MEMBER, CompanyRole.ADMIN, ADAM, NOW));
        company()
                .when(new ChangeMemberRole(COMPANY, ADAM, MIA, CompanyRole.OWNER))
                .expectException(withCode(ErrorCode.FORBIDDEN))
                .expectNoEvents();
        company()
                .when(new ChangeMemberRole(COMPANY, ADAM, OLGA, CompanyRole.MEMBER))
                .expectException(withCode(ErrorCode.FORBIDDEN))
                .expectNoEvents();
        company()
                .when(new ChangeMemberRole(COMPANY, ADAM, ADAM, CompanyRole.OWNER))
                .expectException(withCode(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void membersChangeNoRole() {
        company()
                .when(new ChangeMemberRole(COMPANY, MIA, MIA, CompanyRole.ADMIN))
                .expectException(withCode(ErrorCode.FORBIDDEN));
        company()
                .when(new ChangeMemberRole(COMPANY, STRANGER, MIA, CompanyRole.ADMIN))
                .expectException(withCode(ErrorCode.NOT_FOUND));
        company()
                .when(new ChangeMemberRole(COMPANY, OLGA, STRANGER, CompanyRole.ADMIN))
                .expectException(withCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void theLastOwnerCannotBeDemotedNorLeave() {
        company()
                .when(new ChangeMemberRole(COMPANY, OLGA, OLGA, CompanyRole.ADMIN))
                .expectException(withCode(ErrorCode.LAST_OWNER))
                .expectNoEvents();
        company()
                .when(new RemoveMember(COMPANY, OLGA, OLGA))
                .expectException(withCode(ErrorCode.LAST_OWNER))
                .expectNoEvents();
        company()
                .andGiven(new MemberRoleChanged(COMPANY, MIA, CompanyRole.MEMBER, CompanyRole.OWNER, OLGA, NOW))
                .when(new RemoveMember(COMPANY, OLGA, OLGA))
                .expectEvents(new MemberRemoved(COMPANY, OLGA, RemovalReason.LEFT, OLGA, NOW));
    }

    /** An owner whose account is closed cannot act for the company, so they do not count as its owner. */
    @Test
    void theLastOwnerWithAnActiveAccountCannotBeDemotedNorLeave() {
        fixture = CompanyFixtures.fixture(NOW, MIA);
        var withMiaAsOwner = new MemberRoleChanged(COMPANY, MIA, CompanyRole.MEMBER, CompanyRole.OWNER, OLGA, NOW);
        company()
                .andGiven(withMiaAsOwner)
                .when(new RemoveMember(COMPANY, OLGA, OLGA))
                .expectException(withCode(ErrorCode.LAST_OWNER))
                .expectNoEvents();
        company()
                .andGiven(withMiaAsOwner)
                .when(new ChangeMemberRole(COMPANY, OLGA, OLGA, CompanyRole.ADMIN))
                .expectException(withCode(ErrorCode.LAST_OWNER))
                .expectNoEvents();
        company()
                .andGiven(withMiaAsOwner)
                .when(new RemoveMember(COMPANY, OLGA, MIA))
                .expectEvents(new MemberRemoved(COMPANY, MIA, RemovalReason.REMOVED, OLGA, NOW));
    }

    @Test
    void ownersRemoveAnyoneAdminsAnyoneButOwnersMembersOnlyThemselves() {
        company()
                .when(new RemoveMember(COMPANY, OLGA, ADAM))
                .expectEvents(new MemberRemoved(COMPANY, ADAM, RemovalReason.REMOVED, OLGA, NOW));
        company()
                .when(new RemoveMember(COMPANY, ADAM, MIA))
                .expectEvents(new MemberRemoved(COMPANY, MIA, RemovalReason.REMOVED, ADAM, NOW));
        company().when(new RemoveMember(COMPANY, ADAM, OLGA)).expectException(withCode(ErrorCode.FORBIDDEN));
        company().when(new RemoveMember(COMPANY, MIA, ADAM)).expectException(withCode(ErrorCode.FORBIDDEN));
        company()
                .when(new RemoveMember(COMPANY, MIA, MIA))
                .expectEvents(new MemberRemoved(COMPANY, MIA, RemovalReason.LEFT, MIA, NOW));
        company()
                .when(new RemoveMember(COMPANY, ADAM, ADAM))
                .expectEvents(new MemberRemoved(COMPANY, ADAM, RemovalReason.LEFT, ADAM, NOW));
    }

    @Test
    void onlyOwnersDeleteTheCompanyAndThenItIsGone() {
        company().when(new DeleteCompany(COMPANY, ADAM)).expectException(withCode(ErrorCode.FORBIDDEN));
        company().when(new DeleteCompany(COMPANY, MIA)).expectException(withCode(ErrorCode.FORBIDDEN));
        company()
                .when(new DeleteCompany(COMPANY, OLGA))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.instanceOf(MemberRemoved.class),
                        org.hamcrest.Matchers.instanceOf(MemberRemoved.class),
                        org.hamcrest.Matchers.instanceOf(MemberRemoved.class),
                        org.hamcrest.Matchers.equalTo(new CompanyDeleted(COMPANY, OLGA, NOW)),
                        Matchers.andNoMore())));
        company()
                .andGiven(
                        new MemberRemoved(COMPANY, OLGA, RemovalReason.COMPANY_DELETED, OLGA, NOW),
                        new CompanyDeleted(COMPANY, OLGA, NOW))
                .when(new UpdateCompany(COMPANY, OLGA, Map.of("name", "Back")))
                .expectException(withCode(ErrorCode.NOT_FOUND));
    }
}
