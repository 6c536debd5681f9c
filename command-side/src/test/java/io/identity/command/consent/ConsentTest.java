package io.identity.command.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.events.client.ConsentGranted;
import io.identity.events.client.ConsentRevocationReason;
import io.identity.events.client.ConsentRevoked;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsentTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final UUID USER = UUID.fromString("5b2f7c1e-3d4a-4e8b-9f60-1a2b3c4d5e6f");
    private static final String CLIENT = "8d0f3b1e-6a43-4f5e-9a57-2f0c3c1d7e21";
    private static final UUID ID = Consent.idOf(USER, CLIENT);

    private AggregateTestFixture<Consent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Consent.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ConsentGranted granted(String... scopes) {
        return new ConsentGranted(ID, USER, CLIENT, List.of(scopes), NOW);
    }

    private static ConsentRevoked revoked(ConsentRevocationReason reason) {
        return new ConsentRevoked(ID, USER, CLIENT, reason, NOW);
    }

    @Test
    void theIdIsThePersonAndTheClientsOwnAndNobodyElses() {
        assertThat(Consent.idOf(USER, CLIENT))
                .isEqualTo(UUID.nameUUIDFromBytes((USER + "\n" + CLIENT).getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(Consent.idOf(UUID.randomUUID(), CLIENT))
                .isNotEqualTo(Consent.idOf(USER, "engines-portal"));
        assertThat(new GrantConsent(USER, CLIENT, Set.of("openid")).consentId()).isEqualTo(ID);
        assertThat(new RevokeConsent(USER, CLIENT, ConsentRevocationReason.BY_USER).consentId())
                .isEqualTo(ID);
        assertThatThrownBy(() -> new GrantConsent(UUID.randomUUID(), USER, CLIENT, List.of("openid")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GrantConsent(USER, CLIENT, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFirstGrantStartsTheConsentsStreamWithTheScopesInOrder() {
        fixture.givenNoPriorActivity()
                .when(new GrantConsent(USER, CLIENT, List.of("profile", "openid", "profile")))
                .expectEvents(granted("openid", "profile"));
    }

    @Test
    void grantingTheSameScopesAgainChangesNothing() {
        fixture.given(granted("openid", "profile"))
                .when(new GrantConsent(USER, CLIENT, Set.of("profile", "openid")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void grantingOtherScopesRecordsTheWholeNewSet() {
        fixture.given(granted("openid", "profile"))
                .when(new GrantConsent(USER, CLIENT, Set.of("openid", "profile", "email")))
                .expectEvents(granted("email", "openid", "profile"));
    }

    @Test
    void aGrantedConsentIsRevokedWithItsReason() {
        for (var reason : ConsentRevocationReason.values()) {
            fixture.given(granted("openid"))
                    .when(new RevokeConsent(USER, CLIENT, reason))
                    .expectEvents(revoked(reason));
        }
    }

    @Test
    void whatIsNotGrantedCannotBeRevoked() {
        fixture.givenNoPriorActivity()
                .when(new RevokeConsent(USER, CLIENT, ConsentRevocationReason.BY_USER))
                .expectException(IdentityException.class)
                .expectNoEvents();
        fixture.given(granted("openid"), revoked(ConsentRevocationReason.BY_USER))
                .when(new RevokeConsent(USER, CLIENT, ConsentRevocationReason.ERASED))
                .expectException(IdentityException.class)
                .expectNoEvents();
    }

    @Test
    void aRevokedConsentIsGrantedAgainEvenWithTheSameScopes() {
        fixture.given(granted("openid"), revoked(ConsentRevocationReason.BY_USER))
                .when(new GrantConsent(USER, CLIENT, Set.of("openid")))
                .expectEvents(granted("openid"));
    }
}
