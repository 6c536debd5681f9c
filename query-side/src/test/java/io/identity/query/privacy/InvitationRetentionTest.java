package io.identity.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyRole;
import io.identity.events.invitation.InvitationDeclined;
import io.identity.events.invitation.MemberInvited;
import io.identity.query.QuerySideTest;
import io.identity.support.privacy.PersonalDataKeys;
import io.identity.support.privacy.ProtectingSerializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An ended invitation's address leaves the invitations model and the audit log after the retention. */
class InvitationRetentionTest extends QuerySideTest {

    @Autowired
    private PersonalDataKeys keys;

    @Test
    void anEndedInvitationsAddressGoesAfterTheRetentionAPendingOneStays() {
        var company = UUID.randomUUID();
        var declined = UUID.randomUUID();
        var pending = UUID.randomUUID();
        var now = Instant.now();
        invite(company, declined, "declined-" + declined + "@example.org", now);
        invite(company, pending, "pending-" + pending + "@example.org", now);
        append("Company", company, 2, new InvitationDeclined(declined, company, now));
        await(
                "both in the invitations model and the log",
                () -> count(
                                        "SELECT count(*) FROM invitations WHERE "
                                                + "company_id = ? AND (status = 'DECLINED' OR invitation_id = ?)",
                                        company,
                                        pending)
                                == 2
                        && count("SELECT count(*) FROM audit_events WHERE data_subject IN (?, ?)", declined, pending)
                                == 2);

        retention(now.plus(Duration.ofDays(89))).purge();
        assertThat(email("invitations", "invitation_id", declined))
                .as("within the retention")
                .startsWith("declined-");

        retention(now.plus(Duration.ofDays(91))).purge();
        assertThat(email("invitations", "invitation_id", declined)).isEqualTo(ProtectingSerializer.ERASED);
        assertThat(email("audit_events", "data_subject", declined)).isEqualTo(ProtectingSerializer.ERASED);
        assertThat(email("invitations", "invitation_id", pending))
                .as("pending, its link still works")
                .startsWith("pending-");
        assertThat(email("audit_events", "data_subject", pending)).startsWith("pending-");
    }

    private void invite(UUID company, UUID invitation, String email, Instant at) {
        var sequence =
                count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", company.toString());
        append(
                "Company",
                company,
                sequence,
                new MemberInvited(
                        invitation,
                        company,
                        email,
                        CompanyRole.MEMBER,
                        UUID.randomUUID(),
                        "hash-" + invitation,
                        at.plus(Duration.ofDays(7)),
                        at));
    }

    private InvitationRetention retention(Instant now) {
        return new InvitationRetention(jdbc, keys, Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(90));
    }

    private String email(String table, String key, UUID id) {
        var column = "audit_events".equals(table) ? "data ->> 'email'" : "email";
        return jdbc.queryForObject("SELECT " + column + " FROM " + table + " WHERE " + key + " = ?", String.class, id);
    }
}
