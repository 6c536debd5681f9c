package io.identity.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.identity.command.auth.RefreshTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database work of a refresh-token rotation, as the command side does it ({@code RefreshTokens}): in one
 * transaction, the presented token is marked used (an UPDATE … RETURNING by its SHA-256) and its successor is
 * stored (an INSERT), then the commit. Against a real PostgreSQL with its production durability (fsync on,
 * synchronous commit), with the command side's own schema from its migrations. One thread, then four, whose
 * commits PostgreSQL can group. Run with {@code benchmarks/run.sh jmh RefreshRotationBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RefreshRotationBenchmark {

    /** The database, shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class Database {

        EmbeddedPostgres postgres;
        HikariDataSource pool;
        RefreshTokens tokens;
        TransactionTemplate transactions;

        @Setup(Level.Trial)
        public void start() throws IOException {
            postgres = EmbeddedPostgres.builder().start();
            var url = postgres.getJdbcUrl("postgres", "postgres");
            Flyway.configure()
                    .dataSource(url, "postgres", null)
                    .schemas("command")
                    .locations("classpath:db/command")
                    .load()
                    .migrate();
            var config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername("postgres");
            config.setMaximumPoolSize(8);
            config.setConnectionInitSql("SET search_path TO command");
            pool = new HikariDataSource(config);
            tokens = new RefreshTokens(new JdbcTemplate(pool));
            transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            pool.close();
            postgres.close();
        }
    }

    /** One session per thread, carrying its current refresh token from rotation to rotation. */
    @State(Scope.Thread)
    public static class Session {

        final UUID sessionId = UUID.randomUUID();
        final UUID userId = UUID.randomUUID();
        String token;

        @Setup(Level.Trial)
        public void signIn(Database database) {
            token = database.tokens.create(sessionId, userId, Instant.now().plus(30, ChronoUnit.DAYS));
        }
    }

    @Benchmark
    @Threads(1)
    public String rotateOneThread(Database database, Session session) {
        return rotate(database, session);
    }

    @Benchmark
    @Threads(4)
    public String rotateFourThreads(Database database, Session session) {
        return rotate(database, session);
    }

    private static String rotate(Database database, Session session) {
        session.token = database.transactions.execute(status -> {
            if (!(database.tokens.consume(session.token) instanceof RefreshTokens.Fresh fresh)) {
                throw new IllegalStateException("the session's own token was not fresh");
            }
            return database.tokens.create(fresh.sessionId(), fresh.userId(), fresh.expiresAt());
        });
        return session.token;
    }
}
