package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The audit log through the query side's HTTP API: who sees what, every filter, paging, export and erasure. */
class AuditTest {

    private static final String PASSWORD = "correct horse battery";

    private final RunningSystem system = RunningSystem.get();

    /** A signed-in user: id, company, bearer token and the position their last write reached. */
    private record User(String name, String id, String companyId, String token, String position) {

        String[] at(String position) {
            return new String[] {"Authorization", "Bearer " + token, "X-Min-Position", position};
        }

        String[] auth() {
            return at(position);
        }
    }

    @Test
    void aCompanysLogShowsItsOwnFactsToItsOwnersAndAdminsOnlyWithEveryFilter() {
        var olga = signUp("olga", true);
        var other = signUp("otto", true);
        var company = "/api/v1/companies/" + olga.companyId();
        var before = Instant.now();
        var invited = system.command.post(
                company + "/invitations",
                Map.of("email", "m-" + olga.name() + "@example.org", "role", "MEMBER"),
                olga.at("0"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        var settings = system.command.patch(company + "/settings", Map.of("invitationExpiryDays", 12), olga.at("0"));
        assertThat(system.command
                        .patch("/api/v1/companies/" + other.companyId(), Map.of("name", "Elsewhere"), other.at("0"))
                        .status())
                .isEqualTo(204);
        var mark = settings.header("X-Event-Position");

        var log = system.query.get(company + "/audit", olga.at(mark));
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        var items = items(log.json());
        // the invitation is an aggregate of its own, recorded with the company's record of it in one change
        assertThat(types(items))
                .startsWith("CompanySettingsChanged", "MemberInvited", "InvitationOpened")
                .contains("MemberJoined", "CompanyCreated");
        var invitationId = invited.json().path("invitationId").asString();
        assertThat(items)
                .allMatch(e -> e.path("aggregateId")
                        .asString()
                        .equals(e.path("type").asString().equals("MemberInvited") ? invitationId : olga.companyId()));
        assertThat(items.get(1).path("aggregateType").asString()).isEqualTo("Invitation");
        assertThat(items.get(2).path("data").path("invitationId").asString()).isEqualTo(invitationId);
        var newest = items.get(0);
        assertThat(newest.path("actorId").asString()).isEqualTo(olga.id());
        assertThat(newest.path("aggregateType").asString()).isEqualTo("Company");
        assertThat(newest.path("eventId").asString()).isNotBlank();
        assertThat(newest.path("occurredAt").asString()).isNotBlank();
        assertThat(newest.path("ip").asString()).isNotBlank();
        assertThat(newest.path("data").path("invitationExpiryDays").asInt()).isEqualTo(12);
        var positions = items.stream().map(e -> e.path("position").asLong()).toList();
        assertThat(positions).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(items.get(1).toString()).doesNotContain("Hash").doesNotContain("tokenHash");
        assertThat(items.get(2).toString()).doesNotContain("Hash");

        var onlyInvitations = items(system.query
                .get(company + "/audit?type=MemberInvited", olga.auth())
                .json());
        assertThat(types(onlyInvitations)).containsOnly("MemberInvited").hasSize(1);
        var two = items(system.query
                .get(company + "/audit?type=MemberInvited,CompanyCreated", olga.auth())
                .json());
        assertThat(types(two)).containsExactly("MemberInvited", "CompanyCreated");
        var byActor = items(system.query
                .get(company + "/audit?actor=" + olga.id(), olga.auth())
                .json());
        assertThat(types(byActor)).as("she also made the company").containsExactlyElementsOf(types(items));
        var byOther = items(system.query
                .get(company + "/audit?actor=" + other.id(), olga.auth())
                .json());
        assertThat(byOther).isEmpty();
        var since = items(
                system.query.get(company + "/audit?from=" + before, olga.auth()).json());
        assertThat(types(since)).containsExactly("CompanySettingsChanged", "MemberInvited", "InvitationOpened");
        var until = items(
                system.query.get(company + "/audit?to=" + before, olga.auth()).json());
        assertThat(types(until))
                .doesNotContain("CompanySettingsChanged", "MemberInvited", "InvitationOpened")
                .contains("CompanyCreated");

        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var page = system.query
                    .get(company + "/audit?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), olga.auth())
                    .json();
            assertThat(page.path("items").size()).isLessThanOrEqualTo(1);
            page.path("items").forEach(e -> seen.add(e.path("eventId").asString()));
            cursor =
                    page.path("nextCursor").isString() ? page.path("nextCursor").asString() : null;
        } while (cursor != null);
        assertThat(seen)
                .containsExactlyElementsOf(
                        items.stream().map(e -> e.path("eventId").asString()).toList());

        var bad = system.query.get(company + "/audit?type=not-a-type&actor=nobody&from=yesterday&limit=0", olga.auth());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("code").asString()).isEqualTo("validation_failed");
        var fields = new HashSet<String>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("type", "actor", "from");
        assertThat(system.query
                        .get(company + "/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", olga.auth())
                        .status())
                .isEqualTo(400);
        assertThat(system.query.get(company + "/audit?cursor=!!!", olga.auth()).status())
                .isEqualTo(400);
        var notANumber = system.query.get(company + "/audit?limit=many", olga.auth());
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().path("errors").get(0).path("field").asString())
                .isEqualTo("limit");

        assertThat(system.query.get(company + "/audit", other.auth()).status())
                .as("not a member")
                .isEqualTo(404);
        var member = joinAsMember(olga);
        var forbidden = system.query.get(company + "/audit", member.auth());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().path("code").asString()).isEqualTo("forbidden");
        assertThat(system.query.get(company + "/audit").status()).isEqualTo(401);
    }

    @Test
    void anAccountsSecurityLogHoldsItsSignInsFailuresAndChangesAndNothingElse() {
        var ada = signUp("ada", false);
        var failed = system.command.post("/api/v1/auth/login", Map.of("login", ada.name(), "password", "wrong one"));
        assertThat(failed.status()).isEqualTo(401);
        var changed = system.command.post(
                "/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD + " again"),
                ada.at("0"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        var someone = signUp("bea", false);

        var log = system.query.get("/api/v1/users/me/audit", ada.at(changed.header("X-Event-Position")));
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        var items = items(log.json());
        assertThat(types(items))
                .contains("PasswordChanged", "LoginFailed", "SessionStarted", "UserRegistered")
                .doesNotContain("EmailVerificationRequested");
        var signIn = items.stream()
                .filter(e -> e.path("type").asString().equals("SessionStarted"))
                .findFirst()
                .orElseThrow();
        assertThat(signIn.path("ip").asString()).isNotBlank();
        assertThat(signIn.path("userAgent").asString()).isNotBlank();
        assertThat(signIn.path("data").path("method").asString()).isEqualTo("PASSWORD");
        assertThat(log.body())
                .doesNotContain(someone.id())
                .doesNotContain("Hash")
                .doesNotContain("$2a$")
                .doesNotContain(PASSWORD);
    }

    @Test
    void operatorsSeeEverythingAndExportItAsNdjsonOrCsvWithoutASecret() {
        var operator = operator();
        var ada = signUp("exp", false);
        var agent = system.command.post(
                "/api/v1/auth/login",
                Map.of("login", ada.name(), "password", PASSWORD),
                "User-Agent",
                "=HYPERLINK(\"http://evil\")");
        var mark = agent.header("X-Event-Position");
        assertThat(system.query.get("/api/v1/audit/events", ada.at(mark)).status())
                .as("not an operator")
                .isEqualTo(403);

        var page = system.query.get("/api/v1/audit/events?limit=200", operator.at(mark));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(types(items(page.json()))).contains("SessionStarted", "UserRegistered");

        var ndjson = system.query.get(
                "/api/v1/audit/events?actor=" + ada.id(),
                "Accept",
                "application/x-ndjson",
                "Authorization",
                "Bearer " + operator.token(),
                "X-Min-Position",
                mark);
        assertThat(ndjson.status()).isEqualTo(200);
        assertThat(ndjson.header("Content-Type")).startsWith("application/x-ndjson");
        var lines = ndjson.body().lines().toList();
        var paged = items(system.query
                .get("/api/v1/audit/events?actor=" + ada.id(), operator.auth())
                .json());
        assertThat(lines).hasSize(paged.size()).isNotEmpty();
        assertThat(Http.JSON.readTree(lines.get(0)).path("position").asLong())
                .isEqualTo(paged.get(0).path("position").asLong());

        var csv = system.query.get(
                "/api/v1/audit/events?format=csv&type=SessionStarted&actor=" + ada.id(), operator.auth());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        var rows = csv.body().split("\r\n");
        assertThat(rows[0])
                .isEqualTo("position,eventId,type,aggregateType,aggregateId,actorId,occurredAt,ip,"
                        + "userAgent,correlationId,data");
        assertThat(rows).as("her two sign-ins").hasSize(3);
        assertThat(rows[1]).contains(",SessionStarted,").contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(rows[2]).contains(",SessionStarted,").doesNotContain("HYPERLINK");

        var everything = system.query.get("/api/v1/audit/events?format=ndjson", operator.auth());
        assertThat(everything.body())
                .doesNotContain("Hash\"")
                .doesNotContain("$2a$")
                .doesNotContain(PASSWORD)
                .doesNotContain("pd1:");
        assertThat(system.query
                        .get("/api/v1/audit/events?format=xml", operator.auth())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anErasedPersonsDataAndAddressesLeaveTheLog() {
        var operator = operator();
        var gone = signUp("gone", false);
        var erased = system.command.post("/api/v1/users/me/erase", Map.of("currentPassword", PASSWORD), gone.at("0"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        var mark = erased.header("X-Event-Position");
        // read at the erasure's position; on a busy machine the log may answer 503 projection_lagging first
        var found = new ArrayList<JsonNode>();
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> {
                    var page = system.query.get(
                            "/api/v1/audit/events?limit=200&type=UserRegistered,SessionStarted," + "UserErased",
                            operator.at(mark != null ? mark : "0"));
                    found.clear();
                    if (page.status() == 200) {
                        items(page.json()).stream()
                                .filter(e -> e.path("aggregateId").asString().equals(gone.id())
                                        || e.path("data")
                                                .path("userId")
                                                .asString()
                                                .equals(gone.id()))
                                .forEach(found::add);
                    }
                    return types(found).contains("UserErased");
                }))
                .as("the log at the erasure's position")
                .isTrue();
        var entries = List.copyOf(found);
        assertThat(types(entries)).contains("UserRegistered", "SessionStarted", "UserErased");
        for (var entry : entries) {
            assertThat(entry.toString()).doesNotContain(gone.name());
            assertThat(entry.path("ip").isNull() || entry.path("ip").isMissingNode())
                    .as(entry.toString())
                    .isTrue();
        }
        var registered = entries.stream()
                .filter(e -> e.path("type").asString().equals("UserRegistered"))
                .findFirst()
                .orElseThrow();
        assertThat(registered.path("data").path("email").asString()).isEqualTo("[erased]");
    }

    @Test
    void theHashChainHoldsUntilARowOfTheStoreIsAlteredAndSaysWhere() {
        var operator = operator();
        var olga = signUp("chain", true);
        var renamed = system.command.patch(
                "/api/v1/companies/" + olga.companyId(), Map.of("name", "Before tampering"), olga.at("0"));
        assertThat(renamed.status()).isEqualTo(204);
        var position = Long.parseLong(renamed.header("X-Event-Position"));
        assertThat(system.query.get("/api/v1/audit/verify", olga.auth()).status())
                .as("not an operator")
                .isEqualTo(403);
        // the chain follows the store in batches, once a second: nobody's reads wait for it
        var verified = new Object() {
            JsonNode last;
        };
        assertThat(Eventually.within(Duration.ofSeconds(20), () -> {
                    verified.last = system.query
                            .get("/api/v1/audit/verify", operator.auth())
                            .json();
                    return verified.last.path("verifiedUpTo").asLong() >= position;
                }))
                .as("the chain reaches the change")
                .isTrue();
        var intact = verified.last;
        assertThat(intact.path("intact").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.path("firstBrokenPosition").isNull()).isTrue();

        var jdbc = system.queryContext.getBean(JdbcTemplate.class);
        var original = jdbc.queryForObject(
                "SELECT payload FROM events.domain_event_entry WHERE global_index = ?", byte[].class, position);
        jdbc.update(
                "UPDATE events.domain_event_entry SET payload = ? WHERE global_index = ?",
                new String(original, StandardCharsets.UTF_8)
                        .replace("Before tampering", "After tampering")
                        .getBytes(StandardCharsets.UTF_8),
                position);
        try {
            var broken =
                    system.query.get("/api/v1/audit/verify", operator.auth()).json();
            assertThat(broken.path("intact").asBoolean()).as(broken.toString()).isFalse();
            assertThat(broken.path("firstBrokenPosition").asLong()).isEqualTo(position);
            assertThat(broken.path("verifiedUpTo").asLong()).isLessThan(position);
        } finally {
            jdbc.update("UPDATE events.domain_event_entry SET payload = ? WHERE global_index = ?", original, position);
        }
        assertThat(system.query
                        .get("/api/v1/audit/verify", operator.auth())
                        .json()
                        .path("intact")
                        .asBoolean())
                .as("restored, the chain holds again")
                .isTrue();
    }

    @Test
    void anExportOfAHundredThousandEntriesIsStreamedFromAnOpenCursorNotBuiltInMemory() throws Exception {
        var ada = signUp("big", false);
        var jdbc = system.queryContext.getBean(JdbcTemplate.class);
        var rows = 100_000;
        // entries below every real position, of this account only, removed again at the end
        jdbc.update(
                "INSERT INTO audit_events (position, event_id, type, occurred_at, user_id, data) "
                        + "SELECT -1000000 - n, gen_random_uuid()::text, 'LoginFailed', now() - n * interval '1 second', ?, "
                        + "jsonb_build_object('channel', 'PASSWORD', 'consecutiveFailures', n) "
                        + "FROM generate_series(1, ?) AS n",
                UUID.fromString(ada.id()),
                rows);
        try {
            var client = HttpClient.newHttpClient();
            var request = HttpRequest.newBuilder(
                            URI.create(system.query.base() + "/api/v1/users/me/audit?type=LoginFailed"))
                    .header("Authorization", "Bearer " + ada.token())
                    .header("Accept", "application/x-ndjson")
                    .build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Length"))
                    .as("streamed, not measured first")
                    .isEmpty();
            long lines = 0;
            var cursorOpen = false;
            try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (++lines == 1) {
                        assertThat(Http.JSON.readTree(line).path("type").asString())
                                .isEqualTo("LoginFailed");
                        // the first line is here while the query still has rows to give: a cursor, not a list
                        cursorOpen = jdbc.queryForObject(
                                        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                                                + "'SELECT position, event_id%FROM audit_events WHERE user_id%' AND state IN "
                                                + "('active', 'idle in transaction') AND pid <> pg_backend_pid()",
                                        Long.class)
                                > 0;
                    }
                }
            }
            assertThat(cursorOpen).isTrue();
            assertThat(lines).isEqualTo(rows);
        } finally {
            jdbc.update(
                    "DELETE FROM audit_events WHERE position < -1000000 AND user_id = ?", UUID.fromString(ada.id()));
        }
    }

    private User operator() {
        var name = RunningSystem.OPERATOR;
        system.command.post(
                "/api/v1/registrations",
                Map.of(
                        "username",
                        name,
                        "email",
                        name + "@example.com",
                        "password",
                        PASSWORD)); // made by whichever test comes first
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        return new User(
                name, null, null, login.json().path("access_token").asString(), login.header("X-Event-Position"));
    }

    private User signUp(String prefix, boolean withCompany) {
        var name = prefix + UUID.randomUUID().toString().substring(0, 8);
        var body = new HashMap<String, Object>(
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
        if (withCompany) {
            body.put("company", Map.of("name", "Audited " + name));
        }
        var registered = system.command.post("/api/v1/registrations", body);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        return new User(
                name,
                registered.json().path("userId").asString(),
                withCompany ? registered.json().path("companyId").asString() : null,
                login.json().path("access_token").asString(),
                login.header("X-Event-Position"));
    }

    private User joinAsMember(User owner) {
        var name = "mem" + UUID.randomUUID().toString().substring(0, 8);
        var invited = system.command.post(
                "/api/v1/companies/" + owner.companyId() + "/invitations",
                Map.of("email", name + "@example.com", "role", "MEMBER"),
                owner.at("0"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        var joined = system.command.post(
                "/api/v1/invitations/accept-new",
                Map.of(
                        "token",
                        Mails.invitationToken(system.mail, name + "@example.com"),
                        "username",
                        name,
                        "password",
                        PASSWORD,
                        "displayName",
                        name));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        var login = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        return new User(
                name,
                joined.json().path("userId").asString(),
                owner.companyId(),
                login.json().path("access_token").asString(),
                login.header("X-Event-Position"));
    }

    private static List<JsonNode> items(JsonNode page) {
        var items = new ArrayList<JsonNode>();
        page.path("items").forEach(items::add);
        return items;
    }

    private static List<String> types(List<JsonNode> items) {
        return items.stream().map(e -> e.path("type").asString()).toList();
    }
}
