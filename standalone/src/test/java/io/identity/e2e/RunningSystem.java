package io.identity.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.identity.command.CommandSideApplication;
import io.identity.command.credential.PasswordHasher;
import io.identity.command.handling.Commands;
import io.identity.command.user.NewAccounts;
import io.identity.events.user.RegistrationMethod;
import io.identity.query.QuerySideApplication;
import io.identity.standalone.EmbeddedKafkaBroker;
import io.identity.standalone.MailInbox;
import io.identity.standalone.Standalone;
import io.identity.support.test.Http;
import io.identity.support.test.TestDatabase;
import io.identity.support.test.TestOidc;
import io.identity.support.test.TestSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both deployables as they run in production, started once for all end-to-end tests: the command side and the
 * query side on random ports against one real PostgreSQL, the query side checking tokens against the command
 * side's published keys, a real SMTP server (GreenMail, on a free port) receiving the command side's mail, and
 * a real Kafka broker (KRaft, in-process) receiving the query side's event stream, which the command side's
 * consumers read; and a real OpenID Connect provider (in-process) that the command side signs people in through.
 * As in the standalone, the SMTP server's mails can be read in the standalone's {@link MailInbox}, which the pages
 * that say a mail is on its way link to.
 */
final class RunningSystem {

    private static RunningSystem instance;
    /**
     * The username of the platform operator the query side is configured with: its account is made, with
     * {@link #PASSWORD}, before the query side starts, which is told its user id ({@code identity.operators} takes
     * ids only).
     */
    static final String OPERATOR = "auditor";

    /** {@link #OPERATOR}'s user id, which both sides are told ({@code identity.operators}). */
    static final String OPERATOR_ID = "5e1f0c3a-9b2d-4c7e-8a61-0d4b7f2e9c13";
    /** The issuer of the provider {@code elsewhere}, on another site than the pages ({@link CrossSiteProvider}). */
    static final String ELSEWHERE = CrossSiteProvider.issuer();
    /** The operators' initial access token for dynamic client registration. */
    static final String REGISTRATION_TOKEN = "registration-token-of-the-running-system";

    final Http command;
    final Http query;
    final GreenMail mail;
    /** The mail inbox over {@link #mail}, as the standalone has one over its SMTP server. */
    final MailInbox inbox;

    private final Path kafkaDir;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    volatile EmbeddedKafkaBroker kafka;
    final ConfigurableApplicationContext commandContext;
    final ConfigurableApplicationContext queryContext;

    private final String database;
    private final String commandUrl;
    private final int queryPort;
    /** The user id of {@link #OPERATOR}. */
    final String operatorId;
    /** The address users reach the service at: the first command side's, which serves the pages too. */
    final String publicUrl;

    private RunningSystem() {
        database = TestDatabase.create();
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        inbox = MailInbox.start(port(), mail::getReceivedMessages);
        try {
            kafkaDir = Files.createTempDirectory("e2e-kafka");
            kafkaPort = freePort();
            kafkaControllerPort = freePort();
            kafka = EmbeddedKafkaBroker.start(kafkaDir, kafkaPort, kafkaControllerPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            var commandPort = freePort();
            queryPort = freePort();
            publicUrl = "http://localhost:" + commandPort;
            commandContext = startCommandSide(commandPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commandUrl = publicUrl;
        command = new Http(commandUrl);
        operatorId = registerOperator(commandContext);
        queryContext = startQuerySide(queryPort);
        query = new Http("http://localhost:" + queryContext.getEnvironment().getProperty("local.server.port"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            queryContext.close();
            commandContext.close();
            kafka.close();
            inbox.close();
            mail.stop();
        }));
    }

    /**
     * One more command-side instance (the first is started with the system), sharing the database, the SMTP
     * server, the broker and the OpenID Connect provider with the others.
     */
    ConfigurableApplicationContext startCommandSide() {
        return startCommandSide(0);
    }

    /**
     * Makes the operator's account under the id both sides are configured with, through the same command a
     * registration sends (the registration endpoint would choose an id of its own).
     */
    private static String registerOperator(ConfigurableApplicationContext command) {
        var account = new NewAccounts.NewAccount(
                UUID.fromString(OPERATOR_ID),
                OPERATOR,
                OPERATOR + "@example.com",
                command.getBean(PasswordHasher.class).hash(PASSWORD),
                OPERATOR);
        command.getBean(Commands.class).run(() -> {
            command.getBean(NewAccounts.class).register(account, RegistrationMethod.PASSWORD);
            return account.userId();
        });
        return OPERATOR_ID;
    }

    private ConfigurableApplicationContext startCommandSide(int port) {
        return CommandSideApplication.builder().run(commandArguments(port));
    }

    /** The arguments a command-side instance of this system starts with, in this JVM or in another. */
    String[] commandArguments(int port) {
        return withSecrets(
                "--server.port=" + port,
                "--identity.public-url=" + publicUrl,
                "--identity.operators=" + OPERATOR_ID,
                "--identity.console.query-url=http://localhost:" + queryPort,
                "--spring.datasource.url=" + database,
                "--identity.bcrypt-cost=4",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mail.getSmtp().getPort(),
                "--identity.mail.dispatch-interval=100ms",
                "--identity.console.mail-inbox-url=" + inbox.url(),
                // every test client is 127.0.0.1: the per-address limits are tested on their own
                // (OperatorSettingsApiTest)
                "--identity.rate-limits.per-ip-per-minute=100000",
                "--identity.oidc.registration.initial-access-token=" + REGISTRATION_TOKEN,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--identity.kafka.retry-initial=200ms",
                "--identity.kafka.retry-max=2s",
                // the webhook tests' receiver listens on this machine; a failed delivery is tried again soon
                "--identity.webhooks.allow-private-targets=true",
                "--identity.webhooks.dispatch-interval=200ms",
                "--identity.webhooks.retry-initial=1s",
                "--identity.oauth.providers.test.issuer-uri=" + TestOidc.issuer("test"),
                "--identity.oauth.providers.test.client-id=" + TestOidc.CLIENT_ID,
                "--identity.oauth.providers.test.client-secret=" + TestOidc.CLIENT_SECRET,
                "--identity.oauth.providers.test.trust-email=true",
                // a provider at another host name than the pages' (127.0.0.1, not localhost), with a sign-in form:
                // a sign-in through it from the console crosses sites, as with a real provider
                "--identity.oauth.providers.elsewhere.issuer-uri=" + ELSEWHERE,
                "--identity.oauth.providers.elsewhere.client-id=" + TestOidc.CLIENT_ID,
                "--identity.oauth.providers.elsewhere.client-secret=" + TestOidc.CLIENT_SECRET,
                "--identity.oauth.providers.elsewhere.trust-email=true",
                "--identity.oauth.providers.elsewhere.display-name=Elsewhere ID",
                "--identity.oauth.allowed-redirect-uris=" + TestOidc.APP);
    }

    /** The test secrets ({@link TestSecrets}) after the given arguments. */
    private static String[] withSecrets(String... arguments) {
        var all = new ArrayList<>(List.of(arguments));
        all.addAll(TestSecrets.arguments());
        return all.toArray(String[]::new);
    }

    /** One more query-side instance, sharing the database, the token store and the broker with the first. */
    ConfigurableApplicationContext startQuerySide() {
        return startQuerySide(0);
    }

    private ConfigurableApplicationContext startQuerySide(int port) {
        return QuerySideApplication.builder().run(queryArguments(port));
    }

    /** The arguments a query-side instance of this system starts with, in this JVM or in another. */
    String[] queryArguments(int port) {
        return withSecrets(
                "--server.port=" + port,
                Standalone.QUERY_SIDE_WITHOUT_SECURITY,
                "--identity.public-url=" + publicUrl,
                "--spring.datasource.url=" + database,
                "--identity.jwks-uri=" + commandUrl + "/.well-known/jwks.json",
                "--identity.read-your-writes-timeout=1s",
                "--identity.operators=" + operatorId,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    }

    /**
     * A database outage as the apps see a restart: every connection to the system's database is cut and new ones
     * are refused for {@code length}, then allowed again.
     */
    void withDatabaseDown(Duration length) {
        var name = database.replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
        var admin = database.replaceFirst("/[^/?]+(\\?|$)", "/postgres$1");
        try (var connection = DriverManager.getConnection(admin);
                var statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            Thread.sleep(length.toMillis());
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int port() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker, runs what happens meanwhile, and starts it again on its own log and ports. */
    synchronized void withKafkaDown(Runnable meanwhile) {
        kafka.close();
        try {
            meanwhile.run();
        } finally {
            try {
                kafka = EmbeddedKafkaBroker.start(kafkaDir, kafkaPort, kafkaControllerPort);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The password of the people {@link #signIn(String)} makes. */
    static final String PASSWORD = "correct horse battery";

    /**
     * Registers the username (if it is new) with {@link #PASSWORD} and signs in: the value of an
     * {@code Authorization} header.
     */
    String signIn(String username) {
        command.post(
                "/api/v1/registrations",
                Map.of("username", username, "email", username + "@example.com", "password", PASSWORD));
        var login = command.post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD));
        if (login.status() != 200) {
            throw new IllegalStateException("could not sign in: " + login);
        }
        return "Bearer " + login.json().path("access_token").asString();
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = new RunningSystem();
        }
        return instance;
    }
}
