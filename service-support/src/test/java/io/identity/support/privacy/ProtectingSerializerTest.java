package io.identity.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.security.LoginChannel;
import io.identity.events.security.LoginFailed;
import io.identity.events.user.ProfileUpdated;
import io.identity.support.crypto.MasterKey;
import io.identity.support.db.DatabaseMigrations;
import io.identity.support.test.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Personal data is stored encrypted and read back in the clear until its person is erased. The reads an
 * instance keeps for its other processors are the same objects a fresh read gives, and none is used once an
 * erasure is known.
 */
class ProtectingSerializerTest {

    private JdbcTemplate jdbc;
    private PersonalDataKeys keys;
    private ProtectingSerializer serializer;

    @BeforeEach
    void setUp() {
        var dataSource = new SingleConnectionDataSource(TestDatabase.create(), true);
        new DatabaseMigrations(dataSource, "query", "classpath:db/none");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("SET search_path TO events");
        keys = new PersonalDataKeys(jdbc, new MasterKey("a test secret of enough length"), Duration.ofMinutes(1));
        serializer = new ProtectingSerializer(
                Jackson3Serializer.builder().revisionResolver(new AnnotationRevisionResolver()), keys, 100);
    }

    @Test
    void personalDataIsStoredEncryptedAndReadBackUntilTheErasure() {
        var user = UUID.randomUUID();
        var event =
                new ProfileUpdated(user, Map.of("displayName", "Ada Lovelace"), Instant.parse("2026-01-02T03:04:05Z"));
        var stored = serializer.serialize(event, byte[].class);
        assertThat(new String(stored.getData())).doesNotContain("Ada").contains("pd1:" + user);

        ProfileUpdated first = serializer.deserialize(stored);
        ProfileUpdated second = serializer.deserialize(copy(stored));
        assertThat(first.changed()).containsEntry("displayName", "Ada Lovelace");
        assertThat(second).isSameAs(first);

        keys.erase(user);
        ProfileUpdated afterErasure = serializer.deserialize(copy(stored));
        assertThat(afterErasure.changed()).isEmpty();
    }

    /** A dead letter of an erased person stored again, or an event of theirs appended late, makes them no key. */
    @Test
    void nothingMakesAnErasedPersonANewKey() {
        var user = UUID.randomUUID();
        serializer.serialize(new ProfileUpdated(user, Map.of("bio", "before"), Instant.EPOCH), byte[].class);
        keys.erase(user);
        var late = serializer.serialize(new ProfileUpdated(user, Map.of("bio", "after"), Instant.EPOCH), byte[].class);
        assertThat(new String(late.getData())).doesNotContain("after");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM personal_data_keys WHERE subject_id = ?", Long.class, user))
                .isZero();
        ProfileUpdated read = serializer.deserialize(late);
        assertThat(read.changed())
                .as("sealed under a key nobody keeps: read back erased")
                .isEmpty();
    }

    @Test
    void anErasureLearntOfElsewhereStopsTheKeptReadsToo() {
        var user = UUID.randomUUID();
        var metaData = MetaData.with("actorId", user.toString()).and("ip", "192.0.2.7");
        var stored = serializer.serialize(metaData, byte[].class);
        assertThat(new String(stored.getData())).doesNotContain("192.0.2.7");
        MetaData read = serializer.deserialize(stored);
        assertThat(read.get("ip")).isEqualTo("192.0.2.7");

        // another instance erased the person: the key row is gone, and this instance hears of it
        jdbc.update("DELETE FROM personal_data_keys WHERE subject_id = ?", user);
        keys.forget(user);
        MetaData again = serializer.deserialize(copy(stored));
        assertThat(again.get("ip")).isEqualTo(ProtectingSerializer.ERASED);
    }

    /**
     * Where a request came from is never stored in clear: with no one known acting, it is sealed under the key of
     * the person the event is about, else under the day's anonymous key, readable until that key is purged.
     */
    @Test
    void metadataWithoutAnActorIsSealedUnderItsSubjectOrTheDaysKey() {
        var user = UUID.randomUUID();
        var about = serializer.serialize(
                MetaData.with(ProtectingSerializer.DATA_SUBJECT, user.toString())
                        .and("ip", "192.0.2.8")
                        .and("userAgent", "agent/8"),
                byte[].class);
        assertThat(new String(about.getData()))
                .doesNotContain("192.0.2.8")
                .doesNotContain("agent/8")
                .contains("pd1:" + user);

        var nobody = serializer.serialize(MetaData.with("ip", "192.0.2.9").and("correlationId", "c-9"), byte[].class);
        var today = LocalDate.now(ZoneOffset.UTC);
        assertThat(new String(nobody.getData()))
                .doesNotContain("192.0.2.9")
                .contains("c-9")
                .contains("pd1:" + keys.anonymousSubject(today));
        MetaData read = serializer.deserialize(nobody);
        assertThat(read.get("ip")).isEqualTo("192.0.2.9");
        assertThat(jdbc.queryForObject(
                        "SELECT anonymous_day FROM personal_data_keys WHERE subject_id = ?",
                        LocalDate.class,
                        keys.anonymousSubject(today)))
                .isEqualTo(today);

        assertThat(keys.purgeAnonymous(today)).as("today's key is kept").isZero();
        assertThat(keys.purgeAnonymous(today.plusDays(1))).isEqualTo(1);
        MetaData purged = serializer.deserialize(copy(nobody));
        assertThat(purged.get("ip")).isEqualTo(ProtectingSerializer.ERASED);
        assertThat(purged.get("correlationId")).isEqualTo("c-9");
        MetaData stillAbout = serializer.deserialize(copy(about));
        assertThat(stillAbout.get("ip")).as("a person's key is no day's").isEqualTo("192.0.2.8");

        var storedAgain = serializer.serialize(purged, byte[].class);
        assertThat(new String(storedAgain.getData())).contains(ProtectingSerializer.ERASED);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM personal_data_keys WHERE anonymous_day IS NOT NULL", Long.class))
                .as("what reads back erased makes no key when stored again")
                .isZero();
    }

    @Test
    void theSubjectOfAnEventIsItsMarkedComponentOrItsUser() {
        var user = UUID.randomUUID();
        assertThat(ProtectingSerializer.dataSubjectOf(new ProfileUpdated(user, Map.of(), Instant.EPOCH)))
                .isEqualTo(user);
        assertThat(ProtectingSerializer.dataSubjectOf(new LoginFailed(user, LoginChannel.LOGIN, 1, Instant.EPOCH)))
                .isEqualTo(user);
        assertThat(ProtectingSerializer.dataSubjectOf(new LoginFailed(null, LoginChannel.LOGIN, 1, Instant.EPOCH)))
                .isNull();
        assertThat(ProtectingSerializer.dataSubjectOf("not an event")).isNull();
    }

    private static SerializedObject<byte[]> copy(SerializedObject<byte[]> stored) {
        return new SimpleSerializedObject<>(stored.getData().clone(), byte[].class, stored.getType());
    }
}
