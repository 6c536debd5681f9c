package io.identity.command.company;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompanyTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final UUID COMPANY = UUID.fromString("00000000-0000-0000-0000-0000000000c0");
    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private AggregateTestFixture<Company> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Company.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void creatorBecomesTheFirstOwner() {
        fixture.givenNoPriorActivity()
                .when(new CreateCompany(COMPANY, "Analytical Engines", "Difference", ADA))
                .expectEvents(new CompanyCreated(COMPANY, "Analytical Engines", "Difference", ADA, NOW),
                        new MemberJoined(COMPANY, ADA, CompanyRole.OWNER, NOW));
    }
}
