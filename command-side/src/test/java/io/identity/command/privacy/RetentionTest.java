package io.identity.command.privacy;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.support.test.Registrations;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An ended invitation's address is kept under its own key for the retention, then the key and its mails go. */
class RetentionTest extends CommandSideTest {

    @Autowired
    private Retention retention;

    @Test
    void anInvitationsKeyAndMailsGoTheirRetentionAfterItEnded() {
        var owner = unique("keeper");
        var companyId = http.post("/api/v1/registrations", Registrations.withCompany(owner, PASSWORD, "Co " + owner))
                .json()
                .path("companyId")
                .asString();
        var auth = bearer(login(owner).json().path("access_token").asString());
        var ended = invite(companyId, auth, unique("gone") + "@example.org");
        var pending = invite(companyId, auth, unique("kept") + "@example.org");
        assertThat(http.delete("/api/v1/invitations/" + ended, auth).status()).isEqualTo(204);
        assertThat(keys(ended)).isEqualTo(1);

        retention.purge();
        assertThat(keys(ended)).as("within its retention").isEqualTo(1);

        jdbc.update(
                "UPDATE invitation_links SET ended_at = now() - interval '91 days' WHERE invitation_id = ?::uuid",
                ended);
        retention.purge();
        assertThat(keys(ended)).as("shredded").isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mail_outbox WHERE subject_id = ?::uuid", Long.class, ended))
                .as("its mails with it")
                .isZero();
        assertThat(keys(pending)).as("a pending invitation keeps its key").isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM mail_outbox WHERE subject_id = ?::uuid", Long.class, pending))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT shredded FROM invitation_links WHERE invitation_id = ?::uuid", Boolean.class, ended))
                .isTrue();
    }

    private String invite(String companyId, String[] auth, String email) {
        var created = http.post("/api/v1/companies/" + companyId + "/invitations", Map.of("email", email), auth);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("invitationId").asString();
    }

    private long keys(String subject) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM personal_data_keys WHERE subject_id = ?::uuid", Long.class, subject);
    }
}
