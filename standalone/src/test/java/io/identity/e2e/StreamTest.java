package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.stream.EventSchemas;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import io.identity.support.test.Registrations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** What other applications read from Kafka: CloudEvents per topic, keyed by aggregate, in order, no secrets. */
class StreamTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void everyEventReachesItsTopicAsACloudEventKeyedByItsAggregateInOrderWithoutSecrets() {
        var system = RunningSystem.get();
        var name = "k" + UUID.randomUUID().toString().substring(0, 8);
        var registered =
                system.command.post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Streamers"));
        var userId = registered.json().path("userId").asString();
        var companyId = registered.json().path("companyId").asString();
        var token = system.command
                .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();
        var invitationId = system.command
                .post(
                        "/api/v1/companies/" + companyId + "/invitations",
                        Map.of("email", "guest-" + name + "@example.org"),
                        "Authorization",
                        "Bearer " + token)
                .json()
                .path("invitationId")
                .asString();

        var users = Topics.read(system, "identity.users", userId, 2);
        assertThat(types(users)).startsWith("identity.user.UserRegistered", "identity.user.EmailVerificationRequested");
        var companies = Topics.read(system, "identity.companies", companyId, 3);
        assertThat(types(companies))
                .containsExactly(
                        "identity.company.CompanyCreated",
                        "identity.company.MemberJoined",
                        "identity.company.InvitationOpened");
        // an invitation is an aggregate of its own: its messages are keyed by it, from its first one
        var invitations = Topics.read(system, "identity.invitations", invitationId, 1);
        assertThat(types(invitations)).containsExactly("identity.invitation.MemberInvited");
        var invited = Http.JSON.readTree(invitations.get(0).value());
        assertThat(invited.path("subject").asString()).isEqualTo(invitationId);
        assertThat(invited.path("sequence").asLong()).isZero();
        assertThat(invited.path("data").path("invitationId").asString()).isEqualTo(invitationId);
        assertThat(invited.path("data").path("companyId").asString()).isEqualTo(companyId);
        var onTopic = Topics.readUntil(
                system,
                "identity.invitations",
                Duration.ofSeconds(30),
                all -> has(all, invitationId, "identity.invitation.MemberInvited"));
        assertThat(onTopic)
                .filteredOn(record -> record.value().contains(companyId))
                .extracting(ConsumerRecord::key)
                .as("none keyed by its company")
                .containsOnly(invitationId);

        var first = Http.JSON.readTree(users.get(0).value());
        assertThat(first.path("specversion").asString()).isEqualTo("1.0");
        assertThat(first.path("id").asString()).isNotBlank();
        assertThat(first.path("source").asString()).isEqualTo(system.publicUrl);
        assertThat(first.path("subject").asString()).isEqualTo(userId);
        assertThat(first.path("time").asString()).isNotBlank();
        assertThat(first.path("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(first.path("sequence").isNumber()).isTrue();
        assertThat(first.path("position").isNumber()).isTrue();
        assertThat(first.path("data").path("username").asString()).isEqualTo(name);
        assertThat(first.path("data").has("passwordHash")).isFalse();
        var positions = new ArrayList<Long>();
        users.forEach(record -> positions.add(
                Http.JSON.readTree(record.value()).path("sequence").asLong()));
        assertThat(positions).isSorted();
        for (var record : concat(users, companies, invitations)) {
            assertThat(record.value())
                    .doesNotContain("Hash")
                    .doesNotContain("$2a$")
                    .doesNotContain(PASSWORD)
                    .doesNotContain("pd1:");
        }
    }

    @Test
    void everyMessageOnTheTopicsMatchesItsSchemaTopicAndKey() {
        var system = RunningSystem.get();
        var command = system.command;
        var name = "s" + UUID.randomUUID().toString().substring(0, 8);
        var registered = command.post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Schemas"));
        var companyId = registered.json().path("companyId").asString();
        var auth = login(command, name, PASSWORD);
        login(command, name, "wrong password");
        expect(204, command.patch("/api/v1/users/me/profile", Map.of("displayName", "Sam", "bio", "hi"), auth));
        expect(204, command.patch("/api/v1/users/me/settings", Map.of("locale", "de"), auth));
        expect(204, command.patch("/api/v1/users/me/privacy", Map.of("profileVisibility", "COMPANY"), auth));
        expect(
                204,
                command.put(
                        "/api/v1/users/me/security-questions",
                        Map.of(
                                "currentPassword",
                                PASSWORD,
                                "questions",
                                List.of(
                                        Map.of("question", "First pet?", "answer", "rex"),
                                        Map.of("question", "First street?", "answer", "elm"),
                                        Map.of("question", "First teacher?", "answer", "ms lee"))),
                        auth));
        var company = "/api/v1/companies/" + companyId;
        expect(204, command.patch(company, Map.of("name", "Schemas 2"), auth));
        expect(204, command.patch(company + "/settings", Map.of("invitationExpiryDays", 10), auth));

        var revoked = expect(
                        201,
                        command.post(company + "/invitations", Map.of("email", "r-" + name + "@example.org"), auth))
                .json()
                .path("invitationId")
                .asString();
        expect(200, command.post("/api/v1/invitations/" + revoked + "/resend", "", auth));
        expect(204, command.delete("/api/v1/invitations/" + revoked, auth));
        var declined = expect(
                        201,
                        command.post(company + "/invitations", Map.of("email", "d-" + name + "@example.org"), auth))
                .json()
                .path("invitationId")
                .asString();
        var declinedToken = Mails.invitationToken(system.mail, "d-" + name + "@example.org");
        expect(204, command.post("/api/v1/invitations/decline", Map.of("token", declinedToken)));
        var joined = expect(
                        201,
                        command.post(company + "/invitations", Map.of("email", "j-" + name + "@example.org"), auth))
                .json()
                .path("invitationId")
                .asString();
        var joinedToken = Mails.invitationToken(system.mail, "j-" + name + "@example.org");
        var member = expect(
                        201,
                        command.post(
                                "/api/v1/invitations/accept-new",
                                Map.of(
                                        "token",
                                        joinedToken,
                                        "username",
                                        "j" + name,
                                        "password",
                                        PASSWORD,
                                        "displayName",
                                        "J")))
                .json()
                .path("userId")
                .asString();
        expect(204, command.put(company + "/members/" + member + "/role", Map.of("role", "ADMIN"), auth));
        expect(
                204,
                command.deleteWithBody(
                        "/api/v1/users/me", Map.of("currentPassword", PASSWORD), login(command, "j" + name, PASSWORD)));
        expect(204, command.delete(company + "/members/" + member, auth));

        expect(
                202,
                command.post(
                        "/api/v1/users/me/email",
                        Map.of("newEmail", "new-" + name + "@example.com", "currentPassword", PASSWORD),
                        auth));
        expect(202, command.post("/api/v1/password-reset", Map.of("email", name + "@example.com")));
        var other = login(command, name, PASSWORD);
        expect(
                204,
                command.post(
                        "/api/v1/users/me/password",
                        Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD + " 2"),
                        other));
        expect(204, command.delete(company, other));
        expect(204, command.post("/api/v1/auth/logout", "", other));
        var erased = "e" + name;
        var erasedId = command.post(
                        "/api/v1/registrations",
                        Map.of("username", erased, "email", erased + "@example.com", "password", PASSWORD))
                .json()
                .path("userId")
                .asString();
        expect(
                204,
                command.post(
                        "/api/v1/users/me/erase",
                        Map.of("currentPassword", PASSWORD),
                        login(command, erased, PASSWORD)));

        // an event of no aggregate (a failed sign-in) is published too, keyed by its own id
        var userId = registered.json().path("userId").asString();
        var failed = Topics.readUntil(
                        system,
                        "identity.users",
                        Duration.ofSeconds(30),
                        all -> all.stream()
                                .anyMatch(r -> r.value().contains("identity.security.LoginFailed")
                                        && r.value().contains(userId)))
                .stream()
                .filter(r -> r.value().contains("identity.security.LoginFailed")
                        && r.value().contains(userId))
                .findFirst()
                .orElseThrow();
        assertThat(failed.key())
                .isEqualTo(Http.JSON.readTree(failed.value()).path("id").asString());
        var records = new ArrayList<>(
                readUntilType(system, "identity.companies", companyId, "identity.company.CompanyDeleted"));
        records.add(failed);
        // each aggregate's messages are in order, not the topic's: the person's last change, the erasure and the
        // sign-out are awaited each (a segment handed between instances may come a few seconds after the others)
        records.addAll(Topics.readUntil(
                system,
                "identity.users",
                Duration.ofSeconds(30),
                all -> has(all, erasedId, "identity.user.UserErased")
                        && has(all, userId, "identity.user.PasswordChanged")
                        && all.stream().anyMatch(r -> r.value().contains("\"identity.session.SessionEnded\""))));
        records.addAll(Topics.readUntil(
                system,
                "identity.invitations",
                Duration.ofSeconds(30),
                all -> has(all, revoked, "identity.invitation.InvitationRevoked")
                        && has(all, declined, "identity.invitation.InvitationDeclined")
                        && has(all, joined, "identity.invitation.InvitationAccepted")));
        // the links went only to the invitees' mailboxes: no message carries one (both of the resent invitation's too)
        var mailedTokens = new ArrayList<>(Mails.invitationTokens(system.mail, "r-" + name + "@example.org", 2));
        mailedTokens.addAll(List.of(declinedToken, joinedToken));
        var seen = new TreeSet<String>();
        for (var record : records) {
            for (var mailed : mailedTokens) {
                assertThat(record.value())
                        .as("a mailed invitation token on %s", record.topic())
                        .doesNotContain(mailed);
            }
            var event = Http.JSON.readTree(record.value());
            var type = event.path("type").asString();
            seen.add(type);
            assertThat(EventSchemas.envelopeViolations(event))
                    .as("%s envelope", type)
                    .isEmpty();
            assertThat(EventSchemas.violations(type, event.path("data")))
                    .as("%s data", type)
                    .isEmpty();
            assertThat(record.topic())
                    .as(type)
                    .isEqualTo(
                            switch (type.split("\\.")[1]) {
                                case "company" -> "identity.companies";
                                case "invitation" -> "identity.invitations";
                                default -> "identity.users";
                            });
            assertThat(record.key()).as(type).isEqualTo(event.path("subject").asString());
            var data = event.path("data");
            if (type.startsWith("identity.user.")) {
                assertThat(record.key()).as(type).isEqualTo(data.path("userId").asString());
            } else if (type.startsWith("identity.session.")) {
                assertThat(record.key())
                        .as(type)
                        .isEqualTo(data.path("sessionId").asString());
            } else if (type.startsWith("identity.invitation.")
                    && data.path("companyId").asString().equals(companyId)) {
                assertThat(record.key())
                        .as(type)
                        .isEqualTo(data.path("invitationId").asString());
            } else if (type.startsWith("identity.invitation.")) {
                // an invitation made by an earlier version, in its company's stream, has those messages keyed by
                // its company (LegacyInvitationsTest makes such)
                assertThat(record.key())
                        .as(type)
                        .isIn(
                                data.path("invitationId").asString(),
                                data.path("companyId").asString());
            } else if (type.startsWith("identity.company.")) {
                assertThat(record.key())
                        .as(type)
                        .isEqualTo(data.path("companyId").asString());
            }
        }
        assertThat(seen)
                .contains(
                        "identity.user.UserRegistered",
                        "identity.user.EmailVerificationRequested",
                        "identity.user.ProfileUpdated",
                        "identity.user.SettingsChanged",
                        "identity.user.PrivacyChanged",
                        "identity.user.SecurityQuestionsSet",
                        "identity.user.EmailChangeRequested",
                        "identity.user.PasswordResetRequested",
                        "identity.user.PasswordChanged",
                        "identity.user.UserDeactivated",
                        "identity.user.UserErased",
                        "identity.session.SessionStarted",
                        "identity.session.SessionEnded",
                        "identity.company.CompanyCreated",
                        "identity.company.MemberJoined",
                        "identity.company.CompanyUpdated",
                        "identity.company.CompanySettingsChanged",
                        "identity.company.MemberRoleChanged",
                        "identity.company.MemberRemoved",
                        "identity.company.CompanyDeleted",
                        "identity.company.InvitationOpened",
                        "identity.company.InvitationClosed",
                        "identity.invitation.MemberInvited",
                        "identity.invitation.InvitationResent",
                        "identity.invitation.InvitationRevoked",
                        "identity.invitation.InvitationDeclined",
                        "identity.invitation.InvitationAccepted");
    }

    /**
     * A consumer that joins after the events expired still learns every erasure: each is kept, keyed by the person,
     * on a compacted topic that is never deleted.
     */
    @Test
    void everyErasureIsKeptOnACompactedTopicKeyedByThePerson() throws Exception {
        var system = RunningSystem.get();
        var command = system.command;
        var name = "x" + UUID.randomUUID().toString().substring(0, 8);
        var userId = expect(
                        201,
                        command.post(
                                "/api/v1/registrations",
                                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD)))
                .json()
                .path("userId")
                .asString();
        expect(
                204,
                command.post(
                        "/api/v1/users/me/erase", Map.of("currentPassword", PASSWORD), login(command, name, PASSWORD)));

        var erasures = Topics.read(system, "identity.erasures", userId, 1);
        assertThat(erasures).hasSize(1);
        var event = Http.JSON.readTree(erasures.get(0).value());
        assertThat(event.path("type").asString()).isEqualTo("identity.user.UserErased");
        assertThat(event.path("subject").asString()).isEqualTo(userId);
        assertThat(erasures.get(0).value()).doesNotContain(name);
        try (var admin = Admin.create(Map.of("bootstrap.servers", system.kafka.bootstrapServers()))) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, "identity.erasures");
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        }
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownArriveWhenItIsBackInOrderNoneLost() {
        var system = RunningSystem.get();
        var name = "o" + UUID.randomUUID().toString().substring(0, 8);
        var companyId = system.command
                .post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Outage"))
                .json()
                .path("companyId")
                .asString();
        var token = system.command
                .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();
        Topics.read(system, "identity.companies", companyId, 2);

        system.withKafkaDown(() -> {
            for (var newName : List.of("Outage 1", "Outage 2", "Outage 3")) {
                assertThat(system.command
                                .patch(
                                        "/api/v1/companies/" + companyId,
                                        Map.of("name", newName),
                                        "Authorization",
                                        "Bearer " + token)
                                .status())
                        .isEqualTo(204);
            }
            // long enough for the publisher to fail its sends and go into retrying
            LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
        });

        var records = Topics.read(system, "identity.companies", companyId, 5);
        var names = new ArrayList<String>();
        var sequences = new ArrayList<Long>();
        for (var record : records) {
            var event = Http.JSON.readTree(record.value());
            sequences.add(event.path("sequence").asLong());
            if (event.path("type").asString().equals("identity.company.CompanyUpdated")) {
                names.add(event.path("data").path("changed").path("name").asString());
            }
        }
        // at least once: a send the broker took just before it stopped may come again, never out of order
        assertThat(sequences).isSorted();
        assertThat(names.stream().distinct().toList()).containsExactly("Outage 1", "Outage 2", "Outage 3");
    }

    @Test
    void thePublisherReportsHowFarBehindTheStoreItIs() {
        var system = RunningSystem.get();
        var name = "g" + UUID.randomUUID().toString().substring(0, 8);
        var userId = system.command
                .post(
                        "/api/v1/registrations",
                        Map.of("username", name, "email", name + "@example.com", "password", PASSWORD))
                .json()
                .path("userId")
                .asString();
        Topics.read(system, "identity.users", userId, 2);
        var lag = new Object() {
            String line = "";
        };
        // everything written so far is acknowledged, unless another test writes meanwhile: then it drains again
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> {
                    lag.line = system.query
                            .get("/actuator/prometheus")
                            .body()
                            .lines()
                            .filter(line -> line.startsWith("identity_stream_lag_events "))
                            .findFirst()
                            .orElse("");
                    return lag.line.equals("identity_stream_lag_events 0.0");
                }))
                .as("lag gauge, last seen: %s", lag.line)
                .isTrue();
    }

    private static String[] login(Http command, String name, String password) {
        var token = command.post("/api/v1/auth/login", Map.of("login", name, "password", password))
                .json()
                .path("access_token")
                .asString();
        return Http.bearer(token);
    }

    private static Http.Response expect(int status, Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    /**
     * The applications registered with the provider reach {@code identity.clients}, keyed by client, in order,
     * valid against their schemas, and neither the client's secret nor its registration access token (nor their
     * hashes) ever does. What a person allows an application is there too, keyed by the consent (one per person and
     * client): granted, revoked by the person, granted again, and revoked with the client's deletion.
     */
    @Test
    void registeredClientsAndTheirConsentsReachTheirTopicWithoutTheirSecrets() {
        var system = RunningSystem.get();
        var command = system.command;
        var callback = "https://wiki.example.com/cb";
        var registered = expect(
                        201,
                        command.post(
                                "/oauth2/register",
                                Map.of(
                                        "client_name",
                                        "Stream Wiki",
                                        "redirect_uris",
                                        List.of(callback),
                                        "scope",
                                        "openid profile"),
                                Http.bearer(RunningSystem.REGISTRATION_TOKEN)))
                .json();
        var clientId = registered.path("client_id").asString();
        var secret = registered.path("client_secret").asString();
        var token = registered.path("registration_access_token").asString();
        var uri = "/oauth2/register/" + clientId;

        var name = "c" + UUID.randomUUID().toString().substring(0, 8);
        var userId = expect(
                        201,
                        command.post(
                                "/api/v1/registrations",
                                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD)))
                .json()
                .path("userId")
                .asString();
        var browser = new ConsentBrowser(command);
        var authorize = ConsentBrowser.authorize(clientId, callback, "openid profile");
        assertThat(browser.allow(authorize, name, PASSWORD)).startsWith(callback + "?");
        expect(204, command.delete("/api/v1/users/me/applications/" + clientId, login(command, name, PASSWORD)));

        expect(
                200,
                command.put(
                        uri,
                        Map.of(
                                "client_id",
                                clientId,
                                "client_name",
                                "Stream Wiki 2",
                                "redirect_uris",
                                List.of(callback),
                                "scope",
                                "openid profile"),
                        Http.bearer(token)));
        assertThat(browser.allow(authorize, name, PASSWORD)).as("asked again").startsWith(callback + "?");
        expect(204, command.delete(uri, Http.bearer(token)));

        var consentId = UUID.nameUUIDFromBytes((userId + "\n" + clientId).getBytes(StandardCharsets.UTF_8))
                .toString();
        var consents = Topics.read(system, "identity.clients", consentId, 4);
        assertThat(types(consents))
                .containsExactly(
                        "identity.client.ConsentGranted",
                        "identity.client.ConsentRevoked",
                        "identity.client.ConsentGranted",
                        "identity.client.ConsentRevoked");
        assertThat(consents)
                .extracting(r -> Http.JSON
                        .readTree(r.value())
                        .path("data")
                        .path("reason")
                        .asString(""))
                .containsExactly("", "BY_USER", "", "CLIENT_DELETED");
        var clients = readUntilType(system, "identity.clients", clientId, "identity.client.ClientDeleted").stream()
                .filter(r -> clientId.equals(r.key()))
                .toList();
        assertThat(types(clients))
                .containsExactly(
                        "identity.client.ClientRegistered",
                        "identity.client.ClientUpdated",
                        "identity.client.ClientDeleted");
        var sequences = new ArrayList<Long>();
        for (var record : concat(clients, consents)) {
            assertThat(record.value())
                    .doesNotContain(secret)
                    .doesNotContain(token)
                    .doesNotContain("secretHash")
                    .doesNotContain("registrationTokenHash")
                    .doesNotContain(PASSWORD);
            var event = Http.JSON.readTree(record.value());
            assertThat(record.key()).isEqualTo(event.path("subject").asString());
            assertThat(EventSchemas.violations(event.path("type").asString(), event.path("data")))
                    .as(record.value())
                    .isEmpty();
            if (consentId.equals(record.key())) {
                assertThat(event.path("data").path("consentId").asString()).isEqualTo(consentId);
                assertThat(event.path("data").path("userId").asString()).isEqualTo(userId);
                assertThat(event.path("data").path("clientId").asString()).isEqualTo(clientId);
                sequences.add(event.path("sequence").asLong());
            }
        }
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L);
        assertThat(Http.JSON
                        .readTree(consents.get(0).value())
                        .path("data")
                        .path("scopes")
                        .toString())
                .isEqualTo("[\"openid\",\"profile\"]");
    }

    /** Whether a message of the type, keyed by {@code key}, was read. */
    private static boolean has(List<ConsumerRecord<String, String>> records, String key, String type) {
        return records.stream().anyMatch(r -> key.equals(r.key()) && r.value().contains("\"" + type + "\""));
    }

    private static List<ConsumerRecord<String, String>> readUntilType(
            RunningSystem system, String topic, String key, String type) {
        return Topics.readUntil(
                system,
                topic,
                Duration.ofSeconds(30),
                all -> all.stream()
                        .anyMatch(r -> key.equals(r.key()) && r.value().contains("\"" + type + "\"")));
    }

    @SafeVarargs
    private static List<ConsumerRecord<String, String>> concat(List<ConsumerRecord<String, String>>... lists) {
        var all = new ArrayList<ConsumerRecord<String, String>>();
        for (var list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static List<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(r -> Http.JSON.readTree(r.value()).path("type").asString())
                .toList();
    }
}
