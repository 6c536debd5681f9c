package io.identity.command.company;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The company names and the invitations' senders, which the activity notices read instead of loading a Company,
 * are filled from the events stored before the tables had them (V20), so a running system loses no notice.
 */
class CompanyNamesBackfillTest {

    @Test
    void namesDeletionsAndSendersStoredBeforeAreFilledIn() {
        var dataSource = new DriverManagerDataSource(TestDatabase.create());
        var jdbc = new JdbcTemplate(dataSource);
        migrate(dataSource, "events", null, "classpath:db/eventstore");
        migrate(dataSource, "command", "19", "classpath:db/processing", "classpath:db/command");
        var renamed = UUID.randomUUID();
        var deleted = UUID.randomUUID();
        var invitation = UUID.randomUUID();
        var inviter = UUID.randomUUID();
        var sequence = new int[] {0};
        var events = new Object[][] {
            {renamed, "company.CompanyCreated", "{\"companyId\":\"" + renamed + "\",\"name\":\"Engines\"}"},
            {
                renamed,
                "company.CompanyUpdated",
                "{\"companyId\":\"" + renamed + "\",\"changed\":{\"description\":\"x\"}}"
            },
            {
                renamed,
                "company.CompanyUpdated",
                "{\"companyId\":\"" + renamed + "\",\"changed\":{\"name\":\"Turbines\"}}"
            },
            {deleted, "company.CompanyCreated", "{\"companyId\":\"" + deleted + "\",\"name\":\"Gone\"}"},
            {deleted, "company.CompanyDeleted", "{\"companyId\":\"" + deleted + "\"}"},
            {
                invitation,
                "invitation.MemberInvited",
                "{\"invitationId\":\"" + invitation + "\",\"companyId\":\"" + renamed + "\",\"invitedBy\":\"" + inviter
                        + "\"}"
            }
        };
        for (var event : events) {
            jdbc.update(
                    "INSERT INTO events.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                            + "type, time_stamp, payload_type, payload) VALUES (?, ?, ?, 'x', '2026-01-01T00:00:00Z', ?, ?)",
                    UUID.randomUUID().toString(),
                    event[0].toString(),
                    sequence[0]++,
                    "io.identity.events." + event[1],
                    event[2].toString().getBytes(StandardCharsets.UTF_8));
        }
        jdbc.update(
                "INSERT INTO command.invitation_index (invitation_id, company_id) VALUES (?, ?)", invitation, renamed);

        migrate(dataSource, "command", null, "classpath:db/processing", "classpath:db/command");

        assertThat(jdbc.queryForMap("SELECT name, deleted FROM command.company_names WHERE company_id = ?", renamed))
                .containsEntry("name", "Turbines")
                .containsEntry("deleted", false);
        assertThat(jdbc.queryForMap("SELECT name, deleted FROM command.company_names WHERE company_id = ?", deleted))
                .containsEntry("name", "Gone")
                .containsEntry("deleted", true);
        assertThat(jdbc.queryForObject(
                        "SELECT invited_by FROM command.invitation_index WHERE invitation_id = ?",
                        UUID.class,
                        invitation))
                .isEqualTo(inviter);
    }

    private static void migrate(DriverManagerDataSource dataSource, String schema, String target, String... locations) {
        var flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(locations)
                .placeholders(Map.of("schema", schema));
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }
}
