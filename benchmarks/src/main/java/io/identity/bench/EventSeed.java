package io.identity.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Events written straight into the store, as the command side would have appended them (personal fields in plain
 * text, which the serializer reads as values stored before encryption): a backlog of any size in seconds, in one
 * transaction.
 */
final class EventSeed implements AutoCloseable {

    private static final int BATCH = 1000;

    private final Connection connection;
    private final PreparedStatement insert;
    private int pending;

    private EventSeed(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        insert = connection.prepareStatement("INSERT INTO events.domain_event_entry (event_identifier, "
                + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, "
                + "payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?)");
    }

    static EventSeed open(String jdbcUrl) throws SQLException {
        return new EventSeed(DriverManager.getConnection(jdbcUrl));
    }

    /** A backlog of {@code count} registrations, {@code <prefix>0} on, one a second until now, in one transaction. */
    static void users(String jdbcUrl, String prefix, int count) throws SQLException {
        var start = Instant.now().minusSeconds(count);
        try (var seed = open(jdbcUrl)) {
            for (int i = 0; i < count; i++) {
                seed.user(prefix + i, start.plusSeconds(i));
            }
            seed.commit();
        }
    }

    /** A {@code UserRegistered} of a new user named {@code name}; returns the user's id. */
    UUID user(String name, Instant at) throws SQLException {
        var userId = UUID.randomUUID();
        add(
                userId.toString(),
                0,
                "User",
                at,
                "io.identity.events.user.UserRegistered",
                "{\"userId\":\"" + userId + "\",\"username\":\"" + name + "\",\"email\":\"" + name
                        + "@example.com\",\"passwordHash\":\"-\",\"displayName\":\"" + name
                        + "\",\"method\":\"PASSWORD\",\"registeredAt\":\"" + at + "\"}");
        return userId;
    }

    /** A {@code MemberJoined}: the user joins the company as a MEMBER, as the company's event {@code sequence}. */
    void member(UUID companyId, long sequence, UUID userId, Instant at) throws SQLException {
        add(
                companyId.toString(),
                sequence,
                "Company",
                at,
                "io.identity.events.company.MemberJoined",
                "{\"companyId\":\"" + companyId + "\",\"userId\":\"" + userId + "\",\"role\":\"MEMBER\",\"joinedAt\":\""
                        + at + "\"}");
    }

    /** The sequence number the aggregate's next event takes. */
    long nextSequence(UUID aggregateId) throws SQLException {
        try (var next = connection.prepareStatement("SELECT coalesce(max(sequence_number) + 1, 0) "
                + "FROM events.domain_event_entry WHERE aggregate_identifier = ?")) {
            next.setString(1, aggregateId.toString());
            try (var rs = next.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void add(String aggregate, long sequence, String type, Instant at, String payloadType, String payload)
            throws SQLException {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, aggregate);
        insert.setLong(3, sequence);
        insert.setString(4, type);
        insert.setString(5, at.toString());
        insert.setString(6, payloadType);
        insert.setBytes(7, payload.getBytes(StandardCharsets.UTF_8));
        insert.setBytes(8, "{}".getBytes(StandardCharsets.UTF_8));
        insert.addBatch();
        if (++pending == BATCH) {
            insert.executeBatch();
            pending = 0;
        }
    }

    /** Writes what is left and commits everything. */
    void commit() throws SQLException {
        insert.executeBatch();
        pending = 0;
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        connection.close();
    }
}
