package io.identity.command.webhook;

import io.identity.events.webhook.WebhookCreated;
import io.identity.events.webhook.WebhookDeleted;
import io.identity.events.webhook.WebhookUpdated;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final UUID WEBHOOK = UUID.fromString("5b1c7a9e-2d3f-4e6a-8b1c-0d2e3f4a5b6c");
    private static final UUID COMPANY = UUID.fromString("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    private static final UUID OTHER_COMPANY = UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    private static final UUID ADA = UUID.fromString("0f1e2d3c-4b5a-4968-8776-655443322110");
    private static final String URL = "https://hooks.example.com/identity";
    private static final List<String> TYPES = List.of("identity.company.MemberJoined");

    private AggregateTestFixture<Webhook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Webhook.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static WebhookCreated created(UUID companyId) {
        return new WebhookCreated(WEBHOOK, companyId, URL, TYPES, "members", ADA, NOW);
    }

    @Test
    void creatingRecordsTheConfigurationAndNoSecret() {
        fixture.givenNoPriorActivity()
                .when(new CreateWebhook(WEBHOOK, COMPANY, URL, TYPES, "members", ADA))
                .expectEvents(created(COMPANY));
    }

    @Test
    void aCompanysWebhookIsChangedUnderItsCompany() {
        var types = List.of("identity.company.MemberJoined", "identity.invitation.MemberInvited");
        fixture.given(created(COMPANY))
                .when(new UpdateWebhook(WEBHOOK, COMPANY, URL + "/v2", types, null, ADA))
                .expectEvents(new WebhookUpdated(WEBHOOK, COMPANY, URL + "/v2", types, null, ADA, NOW));
    }

    @Test
    void underAnotherCompanyTheWebhookDoesNotExist() {
        fixture.given(created(COMPANY))
                .when(new DeleteWebhook(WEBHOOK, OTHER_COMPANY, ADA))
                .expectException(IdentityException.class)
                .expectExceptionMessage(ErrorCode.NOT_FOUND.title())
                .expectNoEvents();
    }

    @Test
    void anOperatorsWebhookIsNoCompanys() {
        fixture.given(created(null))
                .when(new UpdateWebhook(WEBHOOK, COMPANY, URL, TYPES, null, ADA))
                .expectException(IdentityException.class)
                .expectNoEvents();
    }

    @Test
    void operatorsChangeAnyWebhook() {
        fixture.given(created(COMPANY))
                .when(new DeleteWebhook(WEBHOOK, null, ADA))
                .expectEvents(new WebhookDeleted(WEBHOOK, COMPANY, ADA, NOW));
    }

    @Test
    void aChangeThatChangesNothingRecordsNothing() {
        fixture.given(created(COMPANY))
                .when(new UpdateWebhook(WEBHOOK, COMPANY, URL, TYPES, "members", ADA))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeletedWebhookAcceptsNothingMore() {
        fixture.given(created(COMPANY), new WebhookDeleted(WEBHOOK, COMPANY, ADA, NOW))
                .when(new UpdateWebhook(WEBHOOK, COMPANY, URL, TYPES, null, ADA))
                .expectException(IdentityException.class)
                .expectNoEvents();
    }
}
