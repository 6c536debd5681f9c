package io.identity.query.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyDeleted;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.events.invitation.InvitationRevoked;
import io.identity.events.invitation.MemberInvited;
import io.identity.events.user.PrivacyChanged;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserRegistered;
import io.identity.query.QuerySideTest;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The landing view of an invitation link, which anyone holding the link reads: the inviter is named only when
 * their profile is public, and a deleted company's invitations are not found.
 */
class LandingTest extends QuerySideTest {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    private InvitationQueryController controller;

    /** An invitation's company, and the token of its link. */
    private record Invited(UUID companyId, String token) {}

    /** A company founded by an inviter of the given visibility, inviting one address: the link's token. */
    private Invited invitedBy(String visibility) throws Exception {
        var inviter = UUID.randomUUID();
        var name = "inv" + inviter.toString().substring(0, 6);
        append(
                "User",
                inviter,
                0,
                new UserRegistered(
                        inviter,
                        name,
                        name + "@example.com",
                        "$2a$04$hash",
                        "Inviter " + name,
                        RegistrationMethod.PASSWORD,
                        AT));
        append("User", inviter, 1, new PrivacyChanged(inviter, Map.of("profileVisibility", visibility), AT));
        var companyId = UUID.randomUUID();
        append("Company", companyId, 0, new CompanyCreated(companyId, "Works of " + name, null, inviter, AT));
        append("Company", companyId, 1, new MemberJoined(companyId, inviter, CompanyRole.OWNER, AT));
        var token = UUID.randomUUID().toString();
        var invitationId = UUID.randomUUID();
        append(
                "Invitation",
                invitationId,
                0,
                new MemberInvited(
                        invitationId,
                        companyId,
                        "guest-" + name + "@example.org",
                        CompanyRole.MEMBER,
                        inviter,
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256")
                                        .digest(token.getBytes(StandardCharsets.UTF_8))),
                        AT.plus(7, ChronoUnit.DAYS),
                        AT));
        await(
                "invited",
                () -> count(
                                "SELECT count(*) FROM invitations i JOIN companies c USING (company_id) "
                                        + "JOIN users u ON u.user_id = i.invited_by WHERE i.invitation_id = ? AND u.profile_visibility = ?",
                                invitationId,
                                visibility)
                        == 1);
        return new Invited(companyId, token);
    }

    @Test
    void theInviterIsNamedOnlyWhenTheirProfileIsPublic() throws Exception {
        var shown = controller.byToken(invitedBy("PUBLIC").token());
        assertThat(shown.invitedBy().displayName()).startsWith("Inviter inv");
        assertThat(shown.status()).isEqualTo("PENDING");
        for (var visibility : new String[] {"COMPANY", "PRIVATE"}) {
            var landing = controller.byToken(invitedBy(visibility).token());
            assertThat(landing.invitedBy()).as(visibility).isNotNull();
            assertThat(landing.invitedBy().displayName())
                    .as("the link holder is no co-member: " + visibility)
                    .isNull();
            assertThat(landing.companyName()).startsWith("Works of inv");
        }
    }

    @Test
    void aDeletedCompanysInvitationIsNotFound() throws Exception {
        var invited = invitedBy("PUBLIC");
        var invitationId = jdbc.queryForObject(
                "SELECT invitation_id FROM invitations WHERE company_id = ?", UUID.class, invited.companyId());
        var inviter = jdbc.queryForObject(
                "SELECT invited_by FROM invitations WHERE company_id = ?", UUID.class, invited.companyId());
        append(
                "Invitation",
                invitationId,
                1,
                new InvitationRevoked(invitationId, invited.companyId(), inviter, AT.plusSeconds(1)));
        append("Company", invited.companyId(), 2, new CompanyDeleted(invited.companyId(), inviter, AT.plusSeconds(1)));
        await(
                "deleted",
                () -> count(
                                "SELECT count(*) FROM companies c JOIN invitations i USING (company_id) "
                                        + "WHERE c.company_id = ? AND c.deleted_at IS NOT NULL AND i.status = 'REVOKED'",
                                invited.companyId())
                        == 1);

        var notFound = catchThrowableOfType(IdentityException.class, () -> controller.byToken(invited.token()));
        assertThat(notFound).as("as an unknown link").isNotNull();
        assertThat(notFound.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }
}
