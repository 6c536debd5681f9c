package io.identity.command.handling;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.command.CommandSideTest;
import io.identity.command.user.UpdateProfile;
import io.identity.events.user.ProfileUpdated;
import io.identity.support.test.Http;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A kept aggregate is used only while the store confirms it, and never holds a state that was rolled back. */
class CheckedAggregateCacheTest extends CommandSideTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    Commands commands;

    @Autowired
    CommandGateway gateway;

    private double loads(String result) {
        return meters.get("identity.aggregate.cache")
                .tag("result", result)
                .counter()
                .count();
    }

    private Http.Response rename(String[] auth, String displayName) {
        return http.patch("/api/v1/users/me/profile", Map.of("displayName", displayName), auth);
    }

    private record Person(String userId, String[] auth) {}

    private Person person() {
        var name = unique("kept");
        var userId = register(name).json().path("userId").asString();
        return new Person(userId, bearer(login(name).json().path("access_token").asString()));
    }

    @Test
    void aKeptUserIsUsedWhileTheStoreConfirmsItAndReloadedOnceAnotherWriterAppended() {
        var ada = person();
        assertThat(rename(ada.auth(), "First").status()).isEqualTo(204);
        var hits = loads("hit");
        assertThat(rename(ada.auth(), "Second").status()).isEqualTo(204);
        assertThat(loads("hit")).as("the user kept from the last command").isEqualTo(hits + 1);

        // another instance's command, as the store sees it: the next sequence number, appended behind our back
        var next = jdbc.queryForObject(
                "SELECT max(sequence_number) + 1 FROM domain_event_entry " + "WHERE aggregate_identifier = ?",
                Long.class,
                ada.userId());
        eventStore.publish(new GenericDomainEventMessage<>(
                "User",
                ada.userId(),
                next,
                new ProfileUpdated(UUID.fromString(ada.userId()), Map.of("displayName", "Third"), Instant.now())));
        var stale = loads("stale");
        var again = rename(ada.auth(), "Third");
        assertThat(again.status()).isEqualTo(204);
        assertThat(loads("stale")).as("the kept user was found stale").isEqualTo(stale + 1);
        assertThat(again.header("X-Event-Position"))
                .as("the name was already Third: nothing to store")
                .isNull();
    }

    @Test
    void aStateWhoseTransactionRolledBackIsNeverUsed() {
        var bob = person();
        assertThat(rename(bob.auth(), "Before").status()).isEqualTo(204);
        assertThatThrownBy(() -> commands.run(() -> {
                    gateway.sendAndWait(
                            new UpdateProfile(UUID.fromString(bob.userId()), Map.of("displayName", "Undone")));
                    throw new IllegalStateException("a later rule of the same request");
                }))
                .hasMessage("a later rule of the same request");
        // then another instance takes the sequence number the undone change had had
        var next = jdbc.queryForObject(
                "SELECT max(sequence_number) + 1 FROM domain_event_entry " + "WHERE aggregate_identifier = ?",
                Long.class,
                bob.userId());
        eventStore.publish(new GenericDomainEventMessage<>(
                "User",
                bob.userId(),
                next,
                new ProfileUpdated(UUID.fromString(bob.userId()), Map.of("bio", "Elsewhere"), Instant.now())));

        var renamed = rename(bob.auth(), "Undone");
        assertThat(renamed.status()).isEqualTo(204);
        assertThat(renamed.header("X-Event-Position"))
                .as("the stored name is still Before, so the change is stored")
                .isNotNull();
        assertThat(lastEvent(bob.userId(), ProfileUpdated.class).changed()).containsEntry("displayName", "Undone");
    }
}
