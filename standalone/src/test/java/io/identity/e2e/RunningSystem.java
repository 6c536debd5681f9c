package io.identity.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.identity.command.CommandSideApplication;
import io.identity.query.QuerySideApplication;
import io.identity.support.test.Http;
import io.identity.support.test.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both deployables as they run in production, started once for all end-to-end tests: the command side and the
 * query side on random ports against one real PostgreSQL, the query side checking tokens against the command
 * side's published keys, and a real SMTP server (GreenMail, on a free port) receiving the command side's mail.
 */
final class RunningSystem {

    private static RunningSystem instance;

    final Http command;
    final Http query;
    final GreenMail mail;
    final ConfigurableApplicationContext commandContext;
    final ConfigurableApplicationContext queryContext;

    private RunningSystem() {
        var database = TestDatabase.create();
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        commandContext = CommandSideApplication.builder().run("--server.port=0",
                "--spring.datasource.url=" + database, "--identity.bcrypt-cost=4",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.getSmtp().getPort(),
                "--identity.mail.dispatch-interval=100ms");
        var commandUrl = "http://localhost:" + commandContext.getEnvironment().getProperty("local.server.port");
        queryContext = QuerySideApplication.builder().run("--server.port=0",
                "--spring.datasource.url=" + database,
                "--identity.jwks-uri=" + commandUrl + "/.well-known/jwks.json",
                "--identity.read-your-writes-timeout=1s");
        command = new Http(commandUrl);
        query = new Http("http://localhost:" + queryContext.getEnvironment().getProperty("local.server.port"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            queryContext.close();
            commandContext.close();
            mail.stop();
        }));
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = new RunningSystem();
        }
        return instance;
    }
}
