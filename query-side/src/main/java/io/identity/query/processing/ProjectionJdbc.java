package io.identity.query.processing;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The query side's {@link JdbcTemplate}, with one more way to write: {@link #later}, for a projection's writes whose
 * count it does not need. In a batch handled at speed ({@link Batches}) such a write waits, and the batch's writes
 * go to the database together, as JDBC batches of the same statement in the order they were made, before the batch
 * commits; anywhere else it is written at once. Any other use of this template first sends what waits (every
 * operation obtains its data source first), so a projection reads its own writes and every write keeps its order.
 */
public class ProjectionJdbc extends JdbcTemplate {

    private final Batches batches;

    ProjectionJdbc(DataSource dataSource, Batches batches) {
        super(dataSource);
        this.batches = batches;
    }

    /** A template of the same kind over another pool (a rebuild's own). */
    public ProjectionJdbc over(DataSource other) {
        return new ProjectionJdbc(other, batches);
    }

    /** A write held back: the template it goes through, its statement and arguments. */
    record Write(ProjectionJdbc jdbc, String sql, Object[] arguments) {}

    /**
     * The lock that puts the batches touching the erased people's table one after another: one batch's membership
     * checked against that table and another's erasure deleting memberships would otherwise each miss the other's
     * uncommitted row, and an erased person's row could stay. It is held until the batch commits.
     */
    private static final String ERASURES_ONE_AT_A_TIME = "LOCK TABLE erased_users IN SHARE ROW EXCLUSIVE MODE";

    private static boolean touchesErasures(String sql) {
        return sql.contains("erased_users");
    }

    /** Writes now, or with the rest of the batch when handled at speed. */
    public void later(String sql, Object... arguments) {
        var batch = batches.current();
        if (batch == null || batch.careful()) {
            if (batch != null && touchesErasures(sql)) {
                execute(ERASURES_ONE_AT_A_TIME);
            }
            update(sql, arguments);
        } else {
            batch.hold(new Write(this, sql, arguments));
        }
    }

    /** Sends writes held back, in their order: each run of one statement through one template as a JDBC batch. */
    static void send(List<Write> writes) {
        writes.stream()
                .filter(write -> touchesErasures(write.sql()))
                .findFirst()
                .ifPresent(write -> write.jdbc().execute(ERASURES_ONE_AT_A_TIME));
        var run = new ArrayList<Object[]>();
        for (int i = 0; i < writes.size(); i++) {
            var write = writes.get(i);
            run.add(write.arguments());
            var next = i + 1 < writes.size() ? writes.get(i + 1) : null;
            if (next == null || next.jdbc() != write.jdbc() || !next.sql().equals(write.sql())) {
                write.jdbc().write(write.sql(), run);
                run = new ArrayList<>();
            }
        }
    }

    private void write(String sql, List<Object[]> run) {
        if (run.size() == 1) {
            super.update(sql, run.get(0));
        } else {
            super.batchUpdate(sql, run);
        }
    }

    /** Every operation of the template starts here: whatever waits goes first. */
    @Override
    protected DataSource obtainDataSource() {
        var batch = batches.current();
        if (batch != null && !batch.careful()) {
            batch.sendHeld();
        }
        return super.obtainDataSource();
    }
}
