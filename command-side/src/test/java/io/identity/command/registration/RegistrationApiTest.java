package io.identity.command.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.events.user.UserRegistered;
import io.identity.support.test.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class RegistrationApiTest extends CommandSideTest {

    @Test
    void registersAUserWithACompanyTheyOwn() {
        var name = unique("ada");
        var response = http.post(
                "/api/v1/registrations",
                Map.of(
                        "username",
                        name,
                        "email",
                        name + "@Example.com",
                        "password",
                        PASSWORD,
                        "displayName",
                        "  Ada Lovelace  ",
                        "company",
                        Map.of("name", "Analytical Engines", "description", "Engines")));

        assertThat(response.status()).isEqualTo(201);
        var userId = response.json().path("userId").asString();
        var companyId = response.json().path("companyId").asString();
        assertThat(companyId).isNotBlank();
        var position = Long.parseLong(response.header("X-Event-Position"));
        var types = jdbc.queryForList(
                "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier IN (?, ?) "
                        + "ORDER BY global_index",
                String.class,
                userId,
                companyId);
        assertThat(types)
                .containsExactly(
                        "io.identity.events.user.UserRegistered",
                        "io.identity.events.user.EmailVerificationRequested",
                        "io.identity.events.company.CompanyCreated",
                        "io.identity.events.company.MemberJoined");
        assertThat(position)
                .isEqualTo(jdbc.queryForObject(
                        "SELECT max(global_index) FROM domain_event_entry " + "WHERE aggregate_identifier IN (?, ?)",
                        Long.class,
                        userId,
                        companyId));
        assertThat(((UserRegistered) storedEvents(userId).get(0).getPayload()).displayName())
                .isEqualTo("Ada Lovelace");
    }

    @Test
    void withoutACompanyTheCompanyIdIsNull() {
        var response = register(unique("solo"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("companyId").isNull()).isTrue();
    }

    @Test
    void usernamesAreNormalisedAndUniqueWhateverTheirCase() {
        var name = unique("grace");
        var first = http.post(
                "/api/v1/registrations",
                Map.of("username", name.toUpperCase(), "email", name + "@example.com", "password", PASSWORD));
        assertThat(first.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject(
                        "SELECT username FROM accounts WHERE user_id = ?::uuid",
                        String.class,
                        first.json().path("userId").asString()))
                .isEqualTo(name);

        var second = http.post(
                "/api/v1/registrations",
                Map.of("username", name, "email", "other-" + name + "@example.com", "password", PASSWORD));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("code").asString()).isEqualTo("username_taken");

        var wide = http.post(
                "/api/v1/registrations",
                Map.of("username", fullWidth(name), "email", "wide-" + name + "@example.com", "password", PASSWORD));
        assertThat(wide.status())
                .as("the same name in full-width letters (NFKC)")
                .isEqualTo(409);
        assertThat(wide.json().path("code").asString()).isEqualTo("username_taken");
    }

    /** ASCII's printable characters as their full-width forms, which NFKC turns back into ASCII. */
    private static String fullWidth(String ascii) {
        return ascii.chars()
                .mapToObj(c -> c > 0x20 && c < 0x7f ? Character.toString(c - 0x21 + 0xFF01) : Character.toString(c))
                .collect(Collectors.joining());
    }

    @Test
    void emailsAreUniqueAfterNfkcWhateverTheirCase() {
        var name = unique("hopper");
        assertThat(register(name).status()).isEqualTo(201);
        var again = http.post(
                "/api/v1/registrations",
                Map.of(
                        "username",
                        unique("other"),
                        "email",
                        name.toUpperCase() + "@EXAMPLE.COM",
                        "password",
                        PASSWORD));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("email_taken");

        var wide = http.post(
                "/api/v1/registrations",
                Map.of("username", unique("other"), "email", fullWidth(name) + "@example.com", "password", PASSWORD));
        assertThat(wide.status())
                .as("the same address in full-width letters (NFKC)")
                .isEqualTo(409);
        assertThat(wide.json().path("code").asString()).isEqualTo("email_taken");
    }

    @Test
    void twentyParallelRegistrationsOfOneNameGiveExactlyOneAccount() throws Exception {
        var name = unique("race");
        var before = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        var start = new CountDownLatch(1);
        var tasks = new ArrayList<Callable<Http.Response>>();
        for (int i = 0; i < 20; i++) {
            var spelling = i % 2 == 0 ? name.toUpperCase() : name;
            var email = "r" + i + "-" + name + "@example.com";
            tasks.add(() -> {
                start.await();
                return http.post(
                        "/api/v1/registrations", Map.of("username", spelling, "email", email, "password", PASSWORD));
            });
        }
        var pool = Executors.newFixedThreadPool(20);
        try {
            var futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            var statuses = new ArrayList<Integer>();
            var codes = new ArrayList<String>();
            for (var future : futures) {
                var response = future.get();
                statuses.add(response.status());
                if (response.status() == 409) {
                    codes.add(response.json().path("code").asString());
                }
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
            assertThat(codes).containsOnly("username_taken");
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts WHERE username = ?", Integer.class, name))
                .isEqualTo(1);
        var registered = jdbc
                .queryForList(
                        "SELECT aggregate_identifier FROM domain_event_entry WHERE payload_type = "
                                + "'io.identity.events.user.UserRegistered' AND global_index > ?",
                        String.class,
                        before)
                .stream()
                .filter(id ->
                        name.equals(((UserRegistered) storedEvents(id).get(0).getPayload()).username()))
                .count();
        assertThat(registered).isEqualTo(1);
    }

    @Test
    void invalidFieldsAreAllReportedAndNothingIsStored() {
        // Mail delivery facts of earlier tests may still land meanwhile; a refused registration adds no user fact.
        var userFacts = "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE 'io.identity.events.user.%'";
        var before = jdbc.queryForObject(userFacts, Long.class);
        var response = http.post(
                "/api/v1/registrations",
                Map.of(
                        "username",
                        "a!",
                        "email",
                        "not-an-email",
                        "password",
                        PASSWORD,
                        "displayName",
                        "bad\u0007name"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("validation_failed");
        assertThat(fields(response)).containsExactlyInAnyOrder("username", "email", "displayName");
        assertThat(jdbc.queryForObject(userFacts, Long.class)).isEqualTo(before);
    }

    @Test
    void weakPasswordsListEveryBrokenRule() {
        var name = unique("weak");
        var response = http.post(
                "/api/v1/registrations", Map.of("username", name, "email", name + "@example.com", "password", name));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("weak_password");
        var messages = StreamSupport.stream(response.json().path("errors").spliterator(), false)
                .map(e -> e.path("message").asString())
                .toList();
        assertThat(messages).contains("must not contain the username", "must not contain the email address");
        assertThat(fields(response)).containsOnly("password");
    }

    @Test
    void malformedAndOversizedBodiesAreRefusedCleanly() {
        var malformed = http.post("/api/v1/registrations", "{\"username\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("code").asString()).isEqualTo("malformed_request");

        var wrongShape = http.post("/api/v1/registrations", "[1, 2]");
        assertThat(wrongShape.json().path("code").asString()).isEqualTo("malformed_request");

        var huge = http.post("/api/v1/registrations", Map.of("username", "x".repeat(70_000)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().path("code").asString()).isEqualTo("payload_too_large");

        var empty = http.post("/api/v1/registrations", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("code").asString()).isEqualTo("malformed_request");

        var problem = malformed.body();
        assertThat(problem)
                .doesNotContain("Exception")
                .doesNotContain("jackson")
                .doesNotContain("at ");
    }

    @Test
    void unknownFieldsAreIgnored() {
        var name = unique("extra");
        var response = http.post(
                "/api/v1/registrations",
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD, "isAdmin", true));
        assertThat(response.status()).isEqualTo(201);
    }

    private static List<String> fields(Http.Response response) {
        return StreamSupport.stream(response.json().path("errors").spliterator(), false)
                .map(e -> e.path("field").asString())
                .toList();
    }
}
