package io.identity.query.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyRole;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.MemberInvited;
import io.identity.events.user.UserErased;
import io.identity.query.QuerySideTest;
import io.identity.support.privacy.ProtectingSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An erasure names the invitations sent to the person's address: their address leaves the model and the log. */
class ErasedInvitationsTest extends QuerySideTest {

    @Test
    void theInvitationsNamedByAnErasureLoseTheirAddress() {
        var company = UUID.randomUUID();
        var declined = UUID.randomUUID();
        var other = UUID.randomUUID();
        var now = Instant.now();
        append(
                "Company",
                company,
                0,
                new MemberInvited(
                        declined,
                        company,
                        "gone-" + declined + "@example.org",
                        CompanyRole.MEMBER,
                        UUID.randomUUID(),
                        "hash-" + declined,
                        now.plus(Duration.ofDays(7)),
                        now));
        append(
                "Company",
                company,
                1,
                new MemberInvited(
                        other,
                        company,
                        "other-" + other + "@example.org",
                        CompanyRole.MEMBER,
                        UUID.randomUUID(),
                        "hash-" + other,
                        now.plus(Duration.ofDays(7)),
                        now));
        append("Company", company, 2, new InvitationDeclined(declined, company, now));
        await(
                "both in the model and the log",
                () -> count("SELECT count(*) FROM invitations WHERE company_id = ?", company) == 2
                        && count("SELECT count(*) FROM audit_events WHERE data_subject IN (?, ?)", declined, other)
                                == 2);

        var user = UUID.randomUUID();
        append("User", user, 0, new UserErased(user, now, List.of(declined)));
        await(
                "the erased address is gone from the model",
                () -> ProtectingSerializer.ERASED.equals(jdbc.queryForObject(
                        "SELECT email FROM invitations WHERE invitation_id = ?", String.class, declined)));
        await(
                "and from the log",
                () -> ProtectingSerializer.ERASED.equals(jdbc.queryForObject(
                        "SELECT data ->> 'email' FROM audit_events WHERE data_subject = ?", String.class, declined)));
        assertThat(jdbc.queryForObject("SELECT email FROM invitations WHERE invitation_id = ?", String.class, other))
                .startsWith("other-");
    }
}
