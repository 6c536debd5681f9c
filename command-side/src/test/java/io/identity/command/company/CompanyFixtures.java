package io.identity.command.company;

import io.identity.events.company.CompanyCreated;
import io.identity.events.company.CompanyRole;
import io.identity.events.company.MemberJoined;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;

/** The company the fixture tests start from: Olga owns it, Adam is an admin, Mia a member. */
public final class CompanyFixtures {

    public static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    public static final UUID COMPANY = UUID.fromString("00000000-0000-0000-0000-0000000000c0");
    public static final UUID OLGA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    public static final UUID ADAM = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    public static final UUID MIA = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    public static final UUID STRANGER = UUID.fromString("00000000-0000-0000-0000-00000000000f");

    private CompanyFixtures() {}

    /** A fixture whose clock stands at {@code at}, where every account is active but those named. */
    static AggregateTestFixture<Company> fixture(Instant at, UUID... closedAccounts) {
        var closed = Set.of(closedAccounts);
        var fixture = new AggregateTestFixture<>(Company.class);
        fixture.registerInjectableResource(Clock.fixed(at, ZoneOffset.UTC));
        fixture.registerInjectableResource((OwnerAccounts) (company, owners) ->
                owners.stream().filter(owner -> !closed.contains(owner)).count());
        return fixture;
    }

    static TestExecutor<Company> company(AggregateTestFixture<Company> fixture) {
        return fixture.given(
                new CompanyCreated(COMPANY, "Engines", null, OLGA, NOW),
                new MemberJoined(COMPANY, OLGA, CompanyRole.OWNER, NOW),
                new MemberJoined(COMPANY, ADAM, CompanyRole.ADMIN, NOW),
                new MemberJoined(COMPANY, MIA, CompanyRole.MEMBER, NOW));
    }
}
