package io.identity.standalone;

import io.identity.command.CommandSideApplication;
import io.identity.query.QuerySideApplication;
import io.identity.support.secrets.Secrets;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The whole identity service in one process, for local use and demos: a PostgreSQL server, a Kafka broker and an
 * SMTP server, each embedded unless {@code spring.datasource.url}, {@code spring.kafka.bootstrap-servers} or
 * {@code spring.mail.host} names one from outside; then the command side and the query side on their usual ports.
 * Its arguments are passed on to both apps, so {@code --identity.public-url=...} works as it does for either.
 * <p>
 * Settings ({@code --name=value}, system property or environment variable): {@code identity.standalone.data-dir}
 * (default {@code target/standalone-data} under the working directory), {@code identity.standalone.postgres-port}
 * (5433), {@code identity.standalone.kafka-port} (9092), {@code identity.standalone.smtp-port} (3025), {@code
 * identity.standalone.inbox-port} (8025, the {@link MailInbox} of the embedded SMTP server's mails); a taken
 * default port gives way to a free one. Since both apps share the arguments, {@code server.port} cannot tell them
 * apart: {@code identity.standalone.command-side-port} and {@code identity.standalone.query-side-port} do.
 * <p>
 * The pepper and master keys the apps need are made at random on the first start and kept in the data directory
 * ({@link StandaloneSecrets}), unless given from outside. Webhooks may be delivered to this machine and its network
 * ({@code identity.webhooks.allow-private-targets=true}, unless given), where the application one tries them with
 * runs: the standalone is for local use, never exposed.
 */
public final class Standalone {

    /**
     * The query side started on the command side's class path (here, in the end-to-end tests and the benchmarks)
     * would find Spring Security there, which the command side's OpenID Connect provider brings, and Spring Boot
     * would lock every path of it behind a generated password. The query side has no use for it: this argument
     * leaves Spring Boot's security set-up out of it.
     */
    public static final String QUERY_SIDE_WITHOUT_SECURITY = "--spring.autoconfigure.exclude="
            + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
            + "OAuth2AuthorizationServerAutoConfiguration,"
            + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
            + "OAuth2AuthorizationServerJwtAutoConfiguration";

    private static final Logger log = LoggerFactory.getLogger(Standalone.class);

    private final String[] args;
    private final StandaloneSettings settings;
    private volatile EmbeddedPostgresServer postgres;
    private volatile EmbeddedKafkaBroker kafka;
    private volatile EmbeddedSmtpServer smtp;
    private volatile MailInbox inbox;
    private volatile ConfigurableApplicationContext commandSide;
    private volatile ConfigurableApplicationContext querySide;
    private volatile boolean appsStarting;
    private Map<String, String> secrets = Map.of();

    private Standalone(String[] args) {
        this.args = args.clone();
        this.settings = new StandaloneSettings(args);
    }

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        var standalone = new Standalone(args);
        Runtime.getRuntime().addShutdownHook(new Thread(standalone::stop, "standalone-shutdown"));
        try {
            standalone.start();
        } catch (Exception e) {
            // Spring Boot has reported an app's failure already, with its analysis and stack trace
            if (standalone.appsStarting) {
                log.error("The standalone could not start: {}", e.toString());
            } else {
                log.error("The standalone could not start", e);
            }
            System.exit(1);
        }
    }

    private void start() throws IOException {
        var dataDir = settings.dataDir();
        if (!settings.isSet("spring.datasource.url") || !settings.isSet("spring.kafka.bootstrap-servers")) {
            log.info("Embedded servers keep their data in {} (set identity.standalone.data-dir to move it)", dataDir);
        }
        var shared = new ArrayList<String>();
        if (settings.isSet("spring.datasource.url")) {
            log.info("Using the database at {}", settings.get("spring.datasource.url"));
        } else {
            postgres = EmbeddedPostgresServer.start(
                    dataDir.resolve("postgres"), settings.serverPort("postgres-port", 5433));
            shared.add("--spring.datasource.url=" + postgres.jdbcUrl());
            shared.add("--spring.datasource.username=" + EmbeddedPostgresServer.USER);
            shared.add("--spring.datasource.password=");
        }
        if (settings.isSet("spring.kafka.bootstrap-servers")) {
            log.info("Using the Kafka cluster at {}", settings.get("spring.kafka.bootstrap-servers"));
        } else {
            kafka = EmbeddedKafkaBroker.start(
                    dataDir, settings.serverPort("kafka-port", 9092), StandaloneSettings.freePort());
            shared.add("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
        }
        if (settings.isSet("spring.mail.host")) {
            log.info("Using the SMTP server at {}", settings.get("spring.mail.host"));
        } else {
            smtp = EmbeddedSmtpServer.start(settings.serverPort("smtp-port", 3025));
            inbox = MailInbox.start(settings.serverPort("inbox-port", 8025), smtp::messages);
            shared.add("--spring.mail.host=" + EmbeddedSmtpServer.HOST);
            shared.add("--spring.mail.port=" + smtp.port());
        }
        var commandArgs = new ArrayList<>(shared);
        var queryArgs = new ArrayList<>(shared);
        queryArgs.add(QUERY_SIDE_WITHOUT_SECURITY);
        if (inbox != null && !settings.isSet("identity.console.mail-inbox-url")) {
            // the pages that say a mail is on its way show where to read it
            commandArgs.add("--identity.console.mail-inbox-url=" + inbox.url());
        }
        if (!settings.isSet("identity.webhooks.allow-private-targets")) {
            // for local use: the application a webhook is tried with runs on this machine, as the standalone does
            commandArgs.add("--identity.webhooks.allow-private-targets=true");
        }
        secrets = StandaloneSecrets.load(dataDir, settings, this::hasEventStore);
        var commandPort = settings.appPort("command-side-port");
        if (commandPort != null) {
            // the query side finds the signing keys, and both apps name the issuer, by the command side's address
            var url = "http://localhost:" + commandPort;
            commandArgs.add("--server.port=" + commandPort);
            if (!settings.isSet("identity.public-url")) {
                commandArgs.add("--identity.public-url=" + url);
                queryArgs.add("--identity.public-url=" + url);
            }
            if (!settings.isSet("identity.jwks-uri")) {
                queryArgs.add("--identity.jwks-uri=" + url + "/.well-known/jwks.json");
            }
        }
        var queryPort = settings.appPort("query-side-port");
        if (queryPort != null) {
            queryArgs.add("--server.port=" + queryPort);
        }
        appsStarting = true;
        commandSide = run(CommandSideApplication.builder().main(CommandSideApplication.class), commandArgs);
        querySide = run(QuerySideApplication.builder().main(QuerySideApplication.class), queryArgs);
        logAddresses();
    }

    /** Whether the apps' database holds an event store already: data made by an earlier start. */
    private boolean hasEventStore() {
        var url = postgres != null ? postgres.jdbcUrl() : settings.get("spring.datasource.url");
        var user = postgres != null
                ? EmbeddedPostgresServer.USER
                : Objects.requireNonNullElse(settings.get("spring.datasource.username"), EmbeddedPostgresServer.USER);
        var password =
                postgres != null ? "" : Objects.requireNonNullElse(settings.get("spring.datasource.password"), "");
        try (var connection = DriverManager.getConnection(url, user, password);
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT to_regclass('events.domain_event_entry') IS NOT NULL")) {
            return rows.next() && rows.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell whether " + url + " holds data already: " + e.getMessage(), e);
        }
    }

    /**
     * The servers' addresses go in as command-line arguments, since those outrank the apps' own yml, where default
     * properties would not; the secrets go in a property source of their own ({@link Secrets#STANDALONE_SOURCE}),
     * the one place the apps take the old development values from. Spring's shutdown hooks stay off: they would
     * close the apps and logging while {@link #stop()} closes the servers. Logging is one for the whole JVM, so it
     * cannot name either app.
     */
    private ConfigurableApplicationContext run(SpringApplicationBuilder app, List<String> infrastructure) {
        var all = new ArrayList<>(infrastructure);
        all.addAll(List.of(args));
        var given = new MapPropertySource(Secrets.STANDALONE_SOURCE, new HashMap<String, Object>(secrets));
        return app.registerShutdownHook(false)
                .initializers(
                        context -> context.getEnvironment().getPropertySources().addFirst(given))
                .properties("logging.register-shutdown-hook=false", "logging.include-application-name=false")
                .run(all.toArray(String[]::new));
    }

    private void logAddresses() {
        var command = "http://localhost:" + commandSide.getEnvironment().getProperty("local.server.port");
        var query = "http://localhost:" + querySide.getEnvironment().getProperty("local.server.port");
        var database = postgres != null
                ? postgres.jdbcUrl() + " (user " + EmbeddedPostgresServer.USER + ", no password)"
                : settings.get("spring.datasource.url");
        var brokers = kafka != null ? kafka.bootstrapServers() : settings.get("spring.kafka.bootstrap-servers");
        var mail = smtp != null
                ? EmbeddedSmtpServer.HOST + ":" + smtp.port()
                : settings.get("spring.mail.host") + ":"
                        + Objects.requireNonNullElse(settings.get("spring.mail.port"), "25");
        log.info(String.join(
                System.lineSeparator(),
                "The identity service is up:",
                "  command side  " + command + "   Swagger UI " + command + "/swagger-ui.html",
                "  query side    " + query + "   Swagger UI " + query + "/swagger-ui.html",
                "  PostgreSQL    " + database,
                "  Kafka         " + brokers,
                "  SMTP          " + mail,
                "  Mail inbox    "
                        + (inbox != null
                                ? inbox.url() + "   (the mails the service sent, to read and follow)"
                                : "none: the mails go to " + mail),
                "Stop it with Ctrl-C."));
    }

    /** The apps go first, while the servers they use are still there; PostgreSQL goes last. */
    private void stop() {
        log.info("Stopping the identity service");
        close("the query side", querySide);
        close("the command side", commandSide);
        close("Kafka", kafka);
        close("the mail inbox", inbox);
        close("the SMTP server", smtp);
        close("PostgreSQL", postgres);
    }

    private static void close(String name, AutoCloseable component) {
        if (component == null) {
            return;
        }
        try {
            component.close();
        } catch (Exception e) {
            log.warn("Could not stop {} cleanly", name, e);
        }
    }
}
