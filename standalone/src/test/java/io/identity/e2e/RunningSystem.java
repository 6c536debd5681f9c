package io.identity.e2e;

import io.identity.command.CommandSideApplication;
import io.identity.query.QuerySideApplication;
import io.identity.support.test.Http;
import io.identity.support.test.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both deployables as they run in production, started once for all end-to-end tests: the command side and the
 * query side on random ports against one real PostgreSQL, the query side checking tokens against the command
 * side's published keys.
 */
final class RunningSystem {

    private static RunningSystem instance;

    final Http command;
    final Http query;
    final ConfigurableApplicationContext commandContext;
    final ConfigurableApplicationContext queryContext;

    private RunningSystem() {
        var database = TestDatabase.create();
        commandContext = CommandSideApplication.builder().run("--server.port=0",
                "--spring.datasource.url=" + database, "--identity.bcrypt-cost=4");
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
        }));
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = new RunningSystem();
        }
        return instance;
    }
}
