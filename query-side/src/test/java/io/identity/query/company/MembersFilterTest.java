package io.identity.query.company;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import io.identity.events.user.PrivacyChanged;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserRegistered;
import io.identity.query.QuerySideTest;
import io.identity.support.auth.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The members filter {@code q} matches only what the caller is shown: a hidden display name matches nothing. */
class MembersFilterTest extends QuerySideTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:15:30Z");

    @Autowired
    private CompanyQueryController controller;

    private UUID registered(String username, String displayName) {
        var userId = UUID.randomUUID();
        append(
                "User",
                userId,
                0,
                new UserRegistered(
                        userId,
                        username,
                        username + "@example.com",
                        "$2a$04$hash",
                        displayName,
                        RegistrationMethod.PASSWORD,
                        AT));
        return userId;
    }

    private List<UUID> members(UUID companyId, UUID viewer, String q, String asOf) {
        var caller = new Caller(viewer, UUID.randomUUID(), "viewer", "viewer@example.com", true);
        return controller.members(caller, companyId, q, null, asOf, null, null).items().stream()
                .map(CompanyQueryController.Member::userId)
                .toList();
    }

    @Test
    void aHiddenDisplayNameMatchesOnlyForItsOwner() {
        var suffix = UUID.randomUUID().toString().substring(0, 6);
        var olga = registered("olga" + suffix, "Olga Owner");
        var hidden = registered("hid" + suffix, "Zenobia" + suffix);
        var shown = registered("pub" + suffix, "Zenobia" + suffix + " Public");
        append("User", hidden, 1, new PrivacyChanged(hidden, Map.of("profileVisibility", "PRIVATE"), AT));
        var companyId = UUID.randomUUID();
        append("Company", companyId, 0, new CompanyCreated(companyId, "Engines", null, olga, AT));
        append("Company", companyId, 1, new MemberJoined(companyId, olga, CompanyRole.OWNER, AT));
        append("Company", companyId, 2, new MemberJoined(companyId, hidden, CompanyRole.MEMBER, AT.plusSeconds(1)));
        append("Company", companyId, 3, new MemberJoined(companyId, shown, CompanyRole.MEMBER, AT.plusSeconds(2)));
        await(
                "projected",
                () -> count(
                                "SELECT count(*) FROM memberships m JOIN users u ON u.user_id = m.user_id "
                                        + "WHERE m.company_id = ? AND (u.user_id <> ? OR u.profile_visibility = 'PRIVATE')",
                                companyId,
                                hidden)
                        == 3);

        var name = "zenobia" + suffix;
        for (var asOf : new String[] {null, AT.plusSeconds(60).toString()}) {
            assertThat(members(companyId, olga, name, asOf))
                    .as("the owner does not see the name: no match")
                    .containsExactly(shown);
            assertThat(members(companyId, shown, name, asOf)).containsExactly(shown);
            assertThat(members(companyId, hidden, name, asOf))
                    .as("one's own name always matches")
                    .containsExactly(hidden, shown);
            assertThat(members(companyId, olga, "hid" + suffix, asOf))
                    .as("the username is shown")
                    .containsExactly(hidden);
        }
    }
}
