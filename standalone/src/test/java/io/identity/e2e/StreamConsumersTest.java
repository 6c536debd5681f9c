package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.invitation.CompanyActivityNotices;
import io.identity.command.registration.WelcomeMail;
import io.identity.command.webhook.WebhookStream;
import io.identity.support.test.Eventually;
import io.identity.support.test.Registrations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The command side's consumers of the event stream, against the real broker, database and SMTP server: the
 * welcome mail and the company admins' notices go out once each, whatever crashes, fails or is unreadable.
 */
class StreamConsumersTest {

    private static final String PASSWORD = "correct horse battery";

    private final RunningSystem system = RunningSystem.get();
    private final JdbcTemplate jdbc = system.commandContext.getBean(JdbcTemplate.class);

    @Test
    void aConsumerThatCrashesMidBatchLosesNoMailAndDoublesNone() {
        var container = system.commandContext
                .getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(WelcomeMail.CONSUMER);
        var welcomeMail = system.commandContext.getBean(WelcomeMail.class);
        var userIds = new ArrayList<String>();
        container.stop();
        try {
            for (int i = 0; i < 6; i++) {
                userIds.add(register("w" + UUID.randomUUID().toString().substring(0, 8)));
            }
            // another instance of the consumer takes the group's partitions, acts on the first half of the batch
            // it reads and dies before it commits: its work is in the database, its offsets are not in Kafka
            var handled = 0;
            try (var crashing = new KafkaConsumer<>(
                    consumerConfig("identity." + WelcomeMail.CONSUMER),
                    new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                crashing.subscribe(List.of("identity.users"));
                var batch = pollUntilKeys(crashing, userIds);
                for (var record : batch) {
                    if (handled == 3) {
                        break;
                    }
                    if (welcomeMail.handle(record)) {
                        handled++;
                    }
                }
            }
            assertThat(handled).isEqualTo(3);
            assertThat(userIds.stream().mapToLong(this::welcomesQueued).sum()).isEqualTo(3);
        } finally {
            container.start();
        }

        assertThat(Eventually.within(
                        Duration.ofSeconds(30), () -> userIds.stream().allMatch(id -> welcomesQueued(id) >= 1)))
                .as("every user welcomed")
                .isTrue();
        assertThat(Eventually.within(
                        Duration.ofSeconds(30),
                        () -> consumerLag(WelcomeMail.CONSUMER).equals("0.0")))
                .as("the group has committed everything")
                .isTrue();
        for (var userId : userIds) {
            assertThat(welcomesQueued(userId))
                    .as("welcome mails for %s", userId)
                    .isEqualTo(1);
        }
        var addresses = jdbc.queryForList(
                "SELECT email FROM accounts WHERE user_id IN (?, ?, ?, ?, ?, ?)",
                String.class,
                userIds.stream().map(UUID::fromString).toArray());
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> addresses.stream()
                                .allMatch(a -> Mails.to(system.mail, a, "Welcome to Identity")
                                                .size()
                                        == 1)))
                .isTrue();
        assertThat(Mails.text(Mails.to(system.mail, addresses.get(0), "Welcome to Identity")
                        .get(0)))
                .contains("your account is ready");
    }

    @Test
    void companyAdminsHearOfInvitationsAndNewMembersAsTheirSettingsSay() {
        var owner = "o" + UUID.randomUUID().toString().substring(0, 8);
        var registered = system.command.post(
                "/api/v1/registrations", Registrations.withCompany(owner, PASSWORD, "Notices " + owner));
        var companyId = registered.json().path("companyId").asString();
        var ownerAuth = bearer(owner);
        var admin = joinByInvitation(companyId, ownerAuth, "ADMIN");
        var quiet = joinByInvitation(companyId, ownerAuth, "ADMIN");
        // the consumer sees the company as it is when it handles a message: let it handle these first
        assertThat(Eventually.within(
                        Duration.ofSeconds(30),
                        () -> consumerLag(CompanyActivityNotices.CONSUMER).equals("0.0")))
                .isTrue();
        assertThat(system.command
                        .patch(
                                "/api/v1/users/me/settings",
                                Map.of("emailNotifications", Map.of("companyActivity", false)),
                                bearer(quiet))
                        .status())
                .isEqualTo(204);

        var member = joinByInvitation(companyId, ownerAuth, "MEMBER");

        var joinedNotice = "A new member joined Notices " + owner;
        assertThat(Eventually.within(
                        Duration.ofSeconds(30),
                        () -> Mails.to(system.mail, admin + "@example.com", joinedNotice).stream()
                                .anyMatch(
                                        m -> Mails.text(m).contains(member + " accepted the invitation of " + owner))))
                .isTrue();
        // the notices of one company come in its order: once the last is queued, none other is on its way
        assertThat(noticesQueued(admin, member + "@example.com"))
                .as("of the invitation")
                .isEqualTo(1);
        assertThat(noticesQueued(admin, member)).as("of the joining").isEqualTo(1);
        assertThat(noticesQueued(admin, quiet + "@example.com")).isEqualTo(1);
        assertThat(noticesQueued(admin, quiet)).isEqualTo(1);
        assertThat(noticesQueued(admin, admin + "@example.com") + noticesQueued(admin, admin))
                .as("nothing about themselves")
                .isZero();
        assertThat(noticesQueued(quiet, member + "@example.com") + noticesQueued(quiet, member))
                .as("turned off")
                .isZero();
        assertThat(noticesQueued(quiet, quiet + "@example.com") + noticesQueued(quiet, quiet))
                .as("nothing about themselves")
                .isZero();
        assertThat(noticesQueuedFor(owner)).as("the one who invited").isZero();
        assertThat(noticesQueuedFor(member)).as("a MEMBER").isZero();
    }

    @Test
    void aMessageNoRetryCanReadGoesToTheDeadLettersAndTheConsumersMoveOn() {
        var marker = "garbage-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", system.kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (int partition = 0; partition < 3; partition++) {
                producer.send(new ProducerRecord<>(
                        "identity.users",
                        partition,
                        marker,
                        "{\"not\": \"a cloud event\"}".getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        // whichever partition it lands on, the registration comes after an unreadable message
        var userId = register("d" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(Eventually.within(Duration.ofSeconds(30), () -> welcomesQueued(userId) == 1))
                .isTrue();
        try (var reader = new KafkaConsumer<>(
                consumerConfig("test-" + UUID.randomUUID()), new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.subscribe(List.of("identity.dead-letters"));
            // every consumer group of the users topic sets them aside: the welcome mail's and the webhooks'
            var dead = new ArrayList<ConsumerRecord<String, byte[]>>();
            var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (dead.size() < 6 && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (marker.equals(r.key())) {
                        dead.add(r);
                    }
                });
            }
            assertThat(dead)
                    .extracting(record -> header(record, "kafka_dlt-original-consumer-group"))
                    .containsExactlyInAnyOrder(
                            "identity.welcome-mail",
                            "identity.welcome-mail",
                            "identity.welcome-mail",
                            "identity." + WebhookStream.CONSUMER,
                            "identity." + WebhookStream.CONSUMER,
                            "identity." + WebhookStream.CONSUMER);
            for (var record : dead) {
                assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo("identity.users");
                assertThat(header(record, "kafka_dlt-exception-message")).contains("not a CloudEvent");
                assertThat(new String(record.value(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"not\": \"a cloud event\"}");
            }
        }
    }

    @Test
    void aDatabaseOutageIsRetriedWithBackoffUntilTheWelcomeGoesOutOnce() {
        String userId;
        jdbc.execute("ALTER TABLE consumed_events RENAME TO consumed_events_away");
        try {
            userId = register("r" + UUID.randomUUID().toString().substring(0, 8));
            // the consumer fails on the missing table, and waits longer each time
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            assertThat(welcomesQueued(userId)).isZero();
        } finally {
            jdbc.execute("ALTER TABLE consumed_events_away RENAME TO consumed_events");
        }
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> welcomesQueued(userId) == 1))
                .isTrue();
        assertThat(Eventually.within(
                        Duration.ofSeconds(30),
                        () -> consumerLag(WelcomeMail.CONSUMER).equals("0.0")))
                .isTrue();
        assertThat(welcomesQueued(userId)).isEqualTo(1);
        assertThat(consumerLag(CompanyActivityNotices.CONSUMER)).isNotEmpty();
        assertThat(system.command.get("/actuator/prometheus").body())
                .contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    private String register(String name) {
        var response = system.command.post(
                "/api/v1/registrations",
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("userId").asString();
    }

    /** Invites a new address with the role, and its owner takes the link and makes an account: its username. */
    private String joinByInvitation(String companyId, String[] auth, String role) {
        var name = "m" + UUID.randomUUID().toString().substring(0, 8);
        var invited = system.command.post(
                "/api/v1/companies/" + companyId + "/invitations",
                Map.of("email", name + "@example.com", "role", role),
                auth);
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        var accepted = system.command.post(
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
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        return name;
    }

    private String[] bearer(String name) {
        var token = system.command
                .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();
        return new String[] {"Authorization", "Bearer " + token};
    }

    private long welcomesQueued(String userId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM mail_outbox WHERE template = 'welcome' AND subject_id = ?",
                Long.class,
                UUID.fromString(userId));
    }

    /** Notices queued for a user about a newcomer (their address when invited, their username when joined). */
    private long noticesQueued(String username, String invitee) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM mail_outbox WHERE template LIKE 'company-member-%' "
                        + "AND recipient = ? AND model ->> 'invitee' = ?",
                Long.class, username + "@example.com", invitee);
    }

    private long noticesQueuedFor(String username) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM mail_outbox WHERE template LIKE 'company-member-%' " + "AND recipient = ?",
                Long.class, username + "@example.com");
    }

    /** The value of {@code identity_stream_consumer_lag_events} for a consumer, as the command side exports it. */
    private String consumerLag(String consumer) {
        return system.command
                .get("/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith("identity_stream_consumer_lag_events{")
                        && line.contains("consumer=\"" + consumer + "\""))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .findFirst()
                .orElse("");
    }

    private Map<String, Object> consumerConfig(String group) {
        var config = new HashMap<String, Object>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /** Everything polled, in order, until the records of all the keys are among it. */
    private static List<ConsumerRecord<String, byte[]>> pollUntilKeys(
            KafkaConsumer<String, byte[]> consumer, List<String> keys) {
        var polled = new ArrayList<ConsumerRecord<String, byte[]>>();
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && !polled.stream().map(ConsumerRecord::key).toList().containsAll(keys)) {
            consumer.poll(Duration.ofMillis(200)).forEach(polled::add);
        }
        assertThat(polled.stream().map(ConsumerRecord::key).toList()).containsAll(keys);
        return polled;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
