package io.identity.command;

import io.identity.command.credential.PasswordHasher;
import io.identity.command.handling.Commands;
import io.identity.command.user.Accounts;
import io.identity.command.user.NewAccounts;
import io.identity.events.user.RegistrationMethod;
import io.identity.support.test.Http;
import io.identity.support.test.TestDatabase;
import io.identity.support.test.TestOidc;
import io.identity.support.test.TestSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command side as it runs, over HTTP on a random port, against a real PostgreSQL. All subclasses share one
 * application and one database; each test makes its own users.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=command-side",
            "identity.bcrypt-cost=4",
            "identity.rate-limits.per-ip-per-minute=100000",
            "identity.operators=" + CommandSideTest.OPERATOR_ID,
            "identity.kafka.enabled=false",
            "identity.oidc.registration.initial-access-token=" + CommandSideTest.REGISTRATION_TOKEN,
            // one static client: the operators' own portal, confidential, trusted without a consent page
            "identity.oidc.clients.engines-portal.name=Engines Portal",
            "identity.oidc.clients.engines-portal.secret=" + CommandSideTest.PORTAL_SECRET,
            "identity.oidc.clients.engines-portal.redirect-uris=https://portal.example.com/callback",
            "identity.oidc.clients.engines-portal.scopes=openid,profile,email",
            "identity.oidc.clients.engines-portal.consent=implicit",
            "identity.oidc.clients.engines-portal.audience=identity",
            "identity.oidc.clients.engines-portal.post-logout-redirect-uris=https://portal.example.com/signed-out",
            // and a resource server of the operators': it introspects any token, and gets tokens of its own
            "identity.oidc.clients.resource-api.secret=" + CommandSideTest.PORTAL_SECRET,
            "identity.oidc.clients.resource-api.grant-types=client_credentials",
            "identity.oidc.clients.resource-api.introspection=true",
            // snapshots early, so that every test also runs on aggregates loaded from one
            "identity.snapshots.user-threshold=3"
        })
public abstract class CommandSideTest {

    private static final String DATABASE = TestDatabase.create();
    public static final String PASSWORD = "correct horse battery";
    public static final String PEPPER = TestSecrets.PEPPER;
    /** The username of the one operator of these tests, whose account {@link #operator()} makes. */
    public static final String OPERATOR = "the-operator";
    /** The user id the operator is configured by ({@code identity.operators} takes ids only). */
    public static final String OPERATOR_ID = "0b3e9a53-7c1d-4f5e-9a2b-6d8c0e1f2a3b";
    /** The operators' initial access token for dynamic client registration in these tests. */
    public static final String REGISTRATION_TOKEN = "initial-access-token-of-the-tests";
    /** The secret of the static client {@code engines-portal}. */
    public static final String PORTAL_SECRET = "portal-secret-of-the-tests-0123456789";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        TestSecrets.supply(registry);
    }

    /** Mail goes to the shared test SMTP server, and the outbox dispatches and retries quickly. */
    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> TestSmtp.HOST);
        registry.add("spring.mail.port", () -> TestSmtp.PORT);
        registry.add("identity.mail.dispatch-interval", () -> "100ms");
        registry.add("identity.mail.retry-initial", () -> "200ms");
        registry.add("identity.mail.retry-max", () -> "1s");
        registry.add("identity.mail.max-attempts", () -> "5");
    }

    /**
     * Two providers on the test OpenID Connect server, and the one application address allowed: {@code test} is
     * trusted for the addresses it verified ({@code trust-email}), {@code other} is not (the default).
     */
    @DynamicPropertySource
    static void oauth(DynamicPropertyRegistry registry) {
        for (var provider : new String[] {"test", "other"}) {
            registry.add("identity.oauth.providers." + provider + ".issuer-uri", () -> TestOidc.issuer(provider));
            registry.add("identity.oauth.providers." + provider + ".client-id", () -> TestOidc.CLIENT_ID);
            registry.add("identity.oauth.providers." + provider + ".client-secret", () -> TestOidc.CLIENT_SECRET);
        }
        registry.add("identity.oauth.providers.test.trust-email", () -> "true");
        registry.add("identity.oauth.providers.test.display-name", () -> "Test Login");
        registry.add("identity.oauth.allowed-redirect-uris", () -> TestOidc.APP);
    }

    @LocalServerPort
    int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected EventStore eventStore;

    @Autowired
    private Accounts accounts;

    @Autowired
    private NewAccounts newAccounts;

    @Autowired
    private PasswordHasher hasher;

    @Autowired
    private Commands commands;

    protected Http http;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
    }

    /** A fresh name, so tests never collide in the shared database. */
    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Http.Response register(String username) {
        return http.post(
                "/api/v1/registrations",
                Map.of("username", username, "email", username + "@example.com", "password", PASSWORD));
    }

    /** An aggregate's events as the application reads them: personal data decrypted. */
    protected List<DomainEventMessage<?>> storedEvents(String aggregateId) {
        var events = new ArrayList<DomainEventMessage<?>>();
        // from the first event, past any snapshot
        eventStore.readEvents(aggregateId, 0).forEachRemaining(events::add);
        return events;
    }

    /** The payload of the aggregate's last event of a type. */
    protected <T> T lastEvent(String aggregateId, Class<T> type) {
        var events = storedEvents(aggregateId);
        for (int i = events.size() - 1; i >= 0; i--) {
            if (type.isInstance(events.get(i).getPayload())) {
                return type.cast(events.get(i).getPayload());
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " for " + aggregateId);
    }

    /**
     * Makes the operator's account (once, with {@link #PASSWORD}) under the id the app is configured with, through
     * the same command a registration sends; the registration endpoint would choose an id of its own.
     */
    protected synchronized void operator() {
        if (accounts.usernameTaken(OPERATOR)) {
            return;
        }
        var account = new NewAccounts.NewAccount(
                UUID.fromString(OPERATOR_ID), OPERATOR, OPERATOR + "@example.com", hasher.hash(PASSWORD), OPERATOR);
        commands.run(() -> {
            newAccounts.register(account, RegistrationMethod.PASSWORD);
            return account.userId();
        });
    }

    protected Http.Response login(String login) {
        return http.post("/api/v1/auth/login", Map.of("login", login, "password", PASSWORD));
    }
}
