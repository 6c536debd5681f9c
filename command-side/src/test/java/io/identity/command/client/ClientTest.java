package io.identity.command.client;

import io.identity.events.client.ClientDeleted;
import io.identity.events.client.ClientRegistered;
import io.identity.events.client.ClientUpdated;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final String ID = "8d0f3b1e-6a43-4f5e-9a57-2f0c3c1d7e21";
    private static final ClientMetadata WIKI = new ClientMetadata(
            "Engines Wiki",
            "client_secret_basic",
            List.of("https://wiki.example.com/callback"),
            List.of(),
            List.of("authorization_code", "refresh_token"),
            List.of("openid", "profile"));
    private static final ClientMetadata APP = new ClientMetadata(
            "Engines App",
            "none",
            List.of("com.example.engines:/callback"),
            List.of(),
            List.of("authorization_code"),
            List.of("openid"));

    private AggregateTestFixture<Client> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Client.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ClientRegistered registered(ClientMetadata metadata, String secretHash) {
        return new ClientRegistered(
                ID,
                metadata.clientName(),
                metadata.tokenEndpointAuthMethod(),
                metadata.redirectUris(),
                metadata.postLogoutRedirectUris(),
                metadata.grantTypes(),
                metadata.scopes(),
                secretHash,
                "rat-hash",
                NOW);
    }

    @Test
    void registeringRecordsTheMetadataAndOnlyTheHashes() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClient(ID, WIKI, "secret-hash", "rat-hash"))
                .expectEvents(registered(WIKI, "secret-hash"));
    }

    @Test
    void anUpdateReplacesTheMetadata() {
        var renamed = new ClientMetadata(
                "Engines Knowledge",
                "client_secret_post",
                List.of("https://wiki.example.com/cb"),
                List.of("https://wiki.example.com/"),
                List.of("authorization_code"),
                List.of("openid", "email"));
        fixture.given(registered(WIKI, "secret-hash"))
                .when(new UpdateClient(ID, renamed))
                .expectEvents(new ClientUpdated(
                        ID,
                        "Engines Knowledge",
                        "client_secret_post",
                        List.of("https://wiki.example.com/cb"),
                        List.of("https://wiki.example.com/"),
                        List.of("authorization_code"),
                        List.of("openid", "email"),
                        NOW));
    }

    @Test
    void aClientNeitherGainsNorLosesItsSecretByAnUpdate() {
        fixture.given(registered(WIKI, "secret-hash"))
                .when(new UpdateClient(ID, APP))
                .expectException(RegistrationError.class)
                .expectNoEvents();
        fixture.given(registered(APP, null))
                .when(new UpdateClient(ID, WIKI))
                .expectException(RegistrationError.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedClientAcceptsNothingMore() {
        fixture.given(registered(WIKI, "secret-hash"))
                .when(new DeleteClient(ID))
                .expectEvents(new ClientDeleted(ID, NOW));
        fixture.given(registered(WIKI, "secret-hash"), new ClientDeleted(ID, NOW))
                .when(new UpdateClient(ID, WIKI))
                .expectException(RegistrationError.class)
                .expectNoEvents();
        fixture.given(registered(WIKI, "secret-hash"), new ClientDeleted(ID, NOW))
                .when(new DeleteClient(ID))
                .expectException(RegistrationError.class)
                .expectNoEvents();
    }
}
