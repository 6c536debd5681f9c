package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import io.identity.support.test.Registrations;
import io.identity.support.test.TestOidc;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Erasure reaches every copy (§5, v1.1). A person lives a whole life from an address and a browser of their own:
 * registers, verifies, fails a sign-in, signs in, fills their profile, asks for a reset link, declines another
 * company's invitation, changes their address, links a provider. Before the erasure, the export holds every row
 * a scan of the database finds about them; after it, a scan of every table of every schema (rows as text, bytea
 * as hex), of every message the stream published since, and of the application logs finds none of their
 * addresses, names, phone, provider account, IP or user agent.
 */
class ErasureScanTest {

    private static final String PASSWORD = RunningSystem.PASSWORD;
    private static final Pattern LINK_TOKEN = Pattern.compile("/verify-email\\?token=([A-Za-z0-9_-]+)");

    /**
     * Where a scan before the erasure finds the person, and what of the export stands for it; every other table
     * that holds something of them must be named here, with why the export leaves it out.
     */
    private static final Map<String, String> EXPORTED = Map.ofEntries(
            Map.entry("query.users", "user"),
            Map.entry("query.external_identities", "identities"),
            Map.entry("query.sessions", "sessions"),
            Map.entry("query.audit_events", "audit"),
            Map.entry("query.invitations", "invitations"),
            Map.entry("command.accounts", "user"),
            Map.entry("command.external_identities", "identities"),
            Map.entry("command.session_registry", "sessions"),
            Map.entry("command.mail_outbox", "history"));

    private static final Map<String, String> NOT_EXPORTED = Map.ofEntries(
            // the events hold the same facts as the history, and are read back through it
            Map.entry("events.domain_event_entry", "the events themselves: the export's history is made of them"),
            Map.entry("events.snapshot_event_entry", "a copy of the User aggregate's state, made of the events"),
            Map.entry("command.refresh_tokens", "only hashes of the refresh tokens: the sessions stand for them"),
            Map.entry("command.throttle", "a counter of failed sign-ins under the user's id, kept a day"),
            Map.entry("command.verified_addresses", "hashes of the addresses the user proved: the user's email"),
            Map.entry("command.invitation_links", "the invitation's link and address: the invitations stand for it"),
            Map.entry("command.email_verification_tokens", "a hash of the pending link's token"),
            Map.entry("command.password_reset_tokens", "a hash of the pending link's token"),
            Map.entry("command.oauth_flows", "a sign-in or link through a provider under way, kept minutes"),
            Map.entry("command.oauth_link_codes", "a hash of a link's one-time code, kept 60 s"),
            Map.entry("events.personal_data_keys", "the person's data key: what reads their data, not data itself"),
            Map.entry("command.profile_lookup", "the profile the provider tells applications: the user's profile"),
            Map.entry("command.mfa_totp", "the authenticator app's key, sealed: GET /users/me/mfa says it is on"),
            Map.entry("command.mfa_recovery_codes", "keyed digests of the recovery codes: their count stands for them"),
            Map.entry("command.mfa_challenges", "a hash of a sign-in's one-time token, kept 5 minutes"),
            Map.entry("command.mfa_passkeys", "the passkeys' public keys: the passkeys' list stands for them"),
            Map.entry("command.mfa_webauthn_challenges", "a passkey challenge under way, kept 5 minutes"));

    private final ConcurrentLinkedQueue<String> logs = new ConcurrentLinkedQueue<>();
    private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            // GreenMail and the provider's mock stand for servers outside the service: their logs are not its
            if (!event.getLoggerName().startsWith("com.icegreen")
                    && !event.getLoggerName().startsWith("no.nav")) {
                logs.add(event.getLoggerName() + " " + event.getFormattedMessage() + thrown(event.getThrowableProxy()));
            }
        }
    };

    private static String thrown(IThrowableProxy thrown) {
        return thrown == null
                ? ""
                : " " + thrown.getClassName() + ": " + thrown.getMessage() + thrown(thrown.getCause());
    }

    @BeforeEach
    void captureLogs() {
        capture.start();
        root().addAppender(capture);
    }

    @AfterEach
    void stopCapturing() {
        root().detachAppender(capture);
        capture.stop();
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** A person's own browser: every request from their own address, with their own user agent. */
    private record Browser(FromAddress from, String userAgent) {

        JsonNode send(String method, String path, String bearer, Object body, int expected) {
            var headers = "User-Agent: " + userAgent + "\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n");
            var answer = from.request(method, path, headers, body == null ? null : Http.JSON.writeValueAsString(body));
            assertThat(answer.status())
                    .as("%s %s: %s", method, path, answer.body())
                    .isEqualTo(expected);
            return answer.body().isBlank() ? null : Http.JSON.readTree(answer.body());
        }

        String location(String path) {
            var answer = from.request("GET", path, "User-Agent: " + userAgent + "\r\n", null);
            assertThat(answer.status()).as(path).isEqualTo(302);
            return answer.head()
                    .lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("location:"))
                    .findFirst()
                    .orElseThrow()
                    .substring("location:".length())
                    .trim();
        }
    }

    @Test
    void afterAnErasureNothingOfThePersonIsLeftAnywhereAndBeforeItTheExportHeldAllOfIt() throws Exception {
        var system = RunningSystem.get();
        var jdbc = system.commandContext.getBean(JdbcTemplate.class);
        var random = ThreadLocalRandom.current();
        var ip = "127." + random.nextInt(40, 250) + "." + random.nextInt(1, 250) + "." + random.nextInt(2, 250);
        var id = UUID.randomUUID().toString().substring(0, 8);
        var browser = new Browser(
                new FromAddress(
                        ip,
                        Integer.parseInt(system.commandContext.getEnvironment().getProperty("local.server.port"))),
                "ScanBrowser/" + id + " (erasure)");
        var person = new LinkedHashMap<String, String>();
        person.put("username", "scan" + id);
        person.put("email", "scan-" + id + "@example.org");
        person.put("newEmail", "moved-" + id + "@example.net");
        person.put("firstName", "Zenobia" + id);
        person.put("lastName", "Quillfeather" + id);
        person.put("displayName", "Zenobia Q " + id);
        person.put("phone", "+4930" + (10_000_000 + random.nextInt(89_999_999)));
        person.put("providerEmail", "zq-" + id + "@provider.example");
        person.put("providerSubject", "subject-" + id);
        person.put("ip", ip);
        person.put("userAgent", browser.userAgent());

        // the life
        var userId = browser.send(
                        "POST",
                        "/api/v1/registrations",
                        null,
                        Map.of("username", person.get("username"), "email", person.get("email"), "password", PASSWORD),
                        201)
                .path("userId")
                .asString();
        browser.send(
                "POST",
                "/api/v1/email-verification",
                null,
                Map.of("token", mailedToken(system, person.get("email"), LINK_TOKEN)),
                204);
        browser.send(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("login", person.get("username"), "password", "not the password"),
                401);
        var token = browser.send(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        Map.of("login", person.get("username"), "password", PASSWORD),
                        200)
                .path("access_token")
                .asString();
        browser.send(
                "PATCH",
                "/api/v1/users/me/profile",
                token,
                Map.of(
                        "firstName",
                        person.get("firstName"),
                        "lastName",
                        person.get("lastName"),
                        "displayName",
                        person.get("displayName"),
                        "phone",
                        person.get("phone"),
                        "bio",
                        "Keeps bees"),
                204);
        browser.send("POST", "/api/v1/password-reset", null, Map.of("email", person.get("email")), 202);
        // another company invites them; they decline from the link in their mail
        var owner = "own" + id;
        var companyId = system.command
                .post("/api/v1/registrations", Registrations.withCompany(owner, PASSWORD, "Hives of " + id))
                .json()
                .path("companyId")
                .asString();
        var ownerAuth = "Bearer "
                + system.command
                        .post("/api/v1/auth/login", Map.of("login", owner, "password", PASSWORD))
                        .json()
                        .path("access_token")
                        .asString();
        assertThat(system.command
                        .post(
                                "/api/v1/companies/" + companyId + "/invitations",
                                Map.of("email", person.get("email")),
                                "Authorization",
                                ownerAuth)
                        .status())
                .isEqualTo(201);
        browser.send(
                "POST",
                "/api/v1/invitations/decline",
                null,
                Map.of("token", Mails.invitationToken(system.mail, person.get("email"))),
                204);
        // a new address, confirmed from the mail to it
        browser.send(
                "POST",
                "/api/v1/users/me/email",
                token,
                Map.of("newEmail", person.get("newEmail"), "currentPassword", PASSWORD),
                202);
        browser.send(
                "POST",
                "/api/v1/email-verification",
                null,
                Map.of("token", mailedToken(system, person.get("newEmail"), LINK_TOKEN)),
                204);
        // a provider's account linked
        TestOidc.nextPerson(
                "test",
                person.get("providerSubject"),
                Map.of(
                        "email",
                        person.get("providerEmail"),
                        "email_verified",
                        true,
                        "name",
                        person.get("displayName")));
        var started = browser.send(
                "POST",
                "/api/v1/users/me/identities/test",
                token,
                Map.of("redirectUri", TestOidc.APP, "state", "s", "currentPassword", PASSWORD),
                200);
        var atProvider = TestOidc.atProvider(started.path("authorizationUrl").asString());
        var back = TestOidc.query(browser.location("/api/v1/auth/oauth/test/callback?code="
                + URLEncoder.encode(atProvider.get("code"), StandardCharsets.UTF_8) + "&state="
                + URLEncoder.encode(atProvider.get("state"), StandardCharsets.UTF_8)));
        browser.send(
                "POST",
                "/api/v1/users/me/identities/test/complete",
                token,
                Map.of("linkCode", back.get("link_code")),
                204);

        // before the erasure: the export holds every row about them
        var needles = new ArrayList<>(person.values());
        needles.add(userId);
        var fresh = "Bearer "
                + browser.send(
                                "POST",
                                "/api/v1/auth/login",
                                null,
                                Map.of("login", person.get("username"), "password", PASSWORD),
                                200)
                        .path("access_token")
                        .asString();
        var exports = new Http.Response[1];
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> {
                    exports[0] = system.query.get("/api/v1/users/me/export", "Authorization", fresh);
                    var types = new ArrayList<String>();
                    exports[0]
                            .json()
                            .path("audit")
                            .forEach(entry -> types.add(entry.path("type").asString()));
                    return types.contains("ExternalIdentityLinked")
                            && types.contains("SessionStarted")
                            && !exports[0].json().path("invitations").isEmpty();
                }))
                .as("the query side caught up")
                .isTrue();
        var export = exports[0];
        assertThat(export.status()).isEqualTo(200);
        var found = scan(jdbc, needles);
        assertThat(found.keySet())
                .as("every table holding something of them is exported or said why not: %s", found)
                .isSubsetOf(union(EXPORTED.keySet(), NOT_EXPORTED.keySet()));
        assertThat(found.keySet())
                .as("the scan finds the person where the export says")
                .containsAll(List.of(
                        "query.users",
                        "query.audit_events",
                        "query.invitations",
                        "query.sessions",
                        "query.external_identities",
                        "command.accounts",
                        "events.domain_event_entry"));
        var exported = export.json();
        for (var table : found.keySet()) {
            if (EXPORTED.containsKey(table)) {
                assertThat(exported.path(EXPORTED.get(table)).isEmpty())
                        .as("%s holds them, and the export's %s is not empty", table, EXPORTED.get(table))
                        .isFalse();
            }
        }
        for (var personal : List.of("email", "firstName", "lastName", "phone", "providerSubject", "ip", "userAgent")) {
            assertThat(export.body()).as("the export holds their %s", personal).contains(person.get(personal));
        }
        assertThat(exported.path("invitations").findValuesAsString("companyId"))
                .as("the invitation they declined, " + "sent to the address they had before")
                .containsExactly(companyId);
        assertThat(exported.path("invitations").get(0).path("status").asString())
                .isEqualTo("DECLINED");

        // the stream, drained, before the erasure: what it publishes from here on must hold nothing of them
        awaitStreamDrained(system);
        var offsets = endOffsets(system);

        browser.send("POST", "/api/v1/users/me/erase", token, Map.of("currentPassword", PASSWORD), 204);
        Topics.read(system, "identity.erasures", userId, 1);

        var personal = new ArrayList<>(person.values());
        var left = new TreeMap<String, List<String>>();
        Eventually.within(Duration.ofSeconds(60), () -> {
            left.clear();
            left.putAll(scan(jdbc, personal));
            return left.isEmpty();
        });
        assertThat(left).as("what the tables still hold of them").isEmpty();
        var published = newMessages(system, offsets);
        assertThat(published).as("messages published since the erasure").isNotEmpty();
        for (var message : published) {
            for (var needle : personal) {
                assertThat(message.toLowerCase(Locale.ROOT))
                        .as("a message published after the erasure")
                        .doesNotContain(needle.toLowerCase(Locale.ROOT));
            }
        }
        assertThat(logs).as("the logs captured").isNotEmpty();
        for (var line : logs) {
            for (var needle : personal) {
                assertThat(line.toLowerCase(Locale.ROOT))
                        .as("a log line")
                        .doesNotContain(needle.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The token of the newest link of this pattern mailed to the address, once it came. */
    private static String mailedToken(RunningSystem system, String address, Pattern link) {
        var token = new String[1];
        assertThat(Eventually.within(Duration.ofSeconds(20), () -> {
                    for (var message : Mails.to(system.mail, address)) {
                        var matcher = link.matcher(Mails.text(message));
                        if (matcher.find()) {
                            token[0] = matcher.group(1);
                        }
                    }
                    return token[0] != null;
                }))
                .as("a link mailed to %s", address)
                .isTrue();
        return token[0];
    }

    /**
     * Every table of every schema that holds one of the needles, with which: each row as text (bytea as hex), and
     * the needles both as text, case aside, and as the hex of their bytes.
     */
    private static Map<String, List<String>> scan(JdbcTemplate jdbc, List<String> needles) {
        var patterns = new ArrayList<String>();
        var names = new LinkedHashMap<String, String>();
        for (var needle : needles) {
            var text = needle.toLowerCase(Locale.ROOT);
            var hex = HexFormat.of().formatHex(needle.getBytes(StandardCharsets.UTF_8));
            patterns.add(text);
            patterns.add(hex);
            names.put(text, needle);
            names.put(hex, needle + " (as bytes)");
        }
        var found = new TreeMap<String, List<String>>();
        var tables = jdbc.queryForList(
                "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) "
                        + "FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN "
                        + "('pg_catalog', 'information_schema') ORDER BY 1",
                String.class);
        assertThat(tables)
                .as("the scan sees every schema")
                .anyMatch(t -> t.startsWith("events."))
                .anyMatch(t -> t.startsWith("command."))
                .anyMatch(t -> t.startsWith("query."));
        for (var table : tables) {
            var hits = jdbc.queryForList(
                    "SELECT n FROM unnest(?::text[]) AS n WHERE EXISTS (SELECT 1 FROM " + table
                            + " AS t WHERE strpos(lower(t::text), n) > 0)",
                    String.class,
                    (Object) patterns.toArray(String[]::new));
            if (!hits.isEmpty()) {
                found.put(table, hits.stream().map(names::get).toList());
            }
        }
        return found;
    }

    private static void awaitStreamDrained(RunningSystem system) {
        assertThat(Eventually.within(
                        Duration.ofSeconds(60),
                        () -> system.query
                                .get("/actuator/prometheus")
                                .body()
                                .lines()
                                .anyMatch(line -> line.equals("identity_stream_lag_events 0.0"))))
                .as("the publisher caught up with the store")
                .isTrue();
    }

    private static KafkaConsumer<String, String> consumer(RunningSystem system) {
        return new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        system.kafka.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
    }

    /** Where every partition of every topic ends now. */
    private static Map<TopicPartition, Long> endOffsets(RunningSystem system) {
        try (var consumer = consumer(system)) {
            var partitions = new ArrayList<TopicPartition>();
            // the brokers' own topics (consumer offsets) aside: every topic the service and its consumers write
            consumer.listTopics()
                    .forEach((topic, infos) -> infos.stream()
                            .filter(info -> !topic.startsWith("__"))
                            .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
            return consumer.endOffsets(partitions);
        }
    }

    /** Every message (key and value) published since those offsets, on any topic, new topics included. */
    private static List<String> newMessages(RunningSystem system, Map<TopicPartition, Long> since) {
        var messages = new ArrayList<String>();
        try (var consumer = consumer(system)) {
            var now = endOffsets(system);
            var partitions = new ArrayList<>(now.keySet());
            consumer.assign(partitions);
            for (var partition : partitions) {
                consumer.seek(partition, since.getOrDefault(partition, 0L));
            }
            var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < now.get(p))) {
                assertThat(System.nanoTime())
                        .as("the topics read to their end in time")
                        .isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> messages.add(record.topic() + " " + record.key() + " " + record.value()));
            }
        }
        return messages;
    }
}
