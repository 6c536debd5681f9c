package io.identity.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.company.CompanyCreated;
import io.identity.query.QuerySideTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;

/**
 * How far a processor is, counted from the shared token store: its lag (the slowest segment against the store's
 * head), and what is decided from it: readiness, a reader's wait for a late-committed event, the operators' view.
 */
class ProcessorLagTest extends QuerySideTest {

    private static final String PROCESSOR = "lag-test";
    private static final String READINESS = "readiness-test";
    private static final String WAITING = "read-your-writes-test";
    private static final String RATE = "rate-test";

    @Autowired
    private Serializer serializer;

    @Test
    void theLagIsTheHeadMinusTheSlowestSegment() {
        var company = UUID.randomUUID();
        append(
                "Company",
                company,
                0,
                new CompanyCreated(company, "Lagging", null, UUID.randomUUID(), Instant.parse("2026-11-28T10:15:30Z")));
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        var lag = new ProcessorLag(jdbc, serializer);

        // no segment has started: the whole store is waiting
        assertThat(lag.eventsBehind(PROCESSOR)).isEqualTo(events);

        store(0, head);
        store(1, head - 1);
        assertThat(lag.eventsBehind(PROCESSOR)).isEqualTo(1);

        // a hole left by a rolled-back insert is not an event still to come
        store(1, GapAwareTrackingToken.newInstance(head, List.of(head - 1)));
        assertThat(lag.eventsBehind(PROCESSOR)).isZero();
    }

    @Test
    void anInstanceIsReadyOnlyWhileItsProjectionsAreCloseToTheHead() {
        var company = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            append(
                    "Company",
                    company,
                    i,
                    new CompanyCreated(
                            company, "Ready " + i, null, UUID.randomUUID(), Instant.parse("2026-11-28T10:15:30Z")));
        }
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        var progress = new ProjectionProgress(jdbc, serializer, Set.of(READINESS), (p, t) -> true);
        var health = new ProjectionsHealth(progress, new ProcessorLag(jdbc, serializer), 2);

        store(READINESS, 0, new GlobalSequenceTrackingToken(head - 3));
        var behind = health.health();
        assertThat(behind.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(behind.getDetails().get("eventsBehind")).isEqualTo(Map.of(READINESS, 3L));

        store(READINESS, 0, new GlobalSequenceTrackingToken(head - 2));
        assertThat(health.health().getStatus()).as("at the threshold").isEqualTo(Status.UP);
        store(READINESS, 0, new GlobalSequenceTrackingToken(head));
        assertThat(health.health().getDetails().get("eventsBehind")).isEqualTo(Map.of(READINESS, 0L));
    }

    @Test
    void aReaderWaitsForAnEventWhoseTransactionCommittedAfterLaterOnes() {
        var company = UUID.randomUUID();
        append(
                "Company",
                company,
                0,
                new CompanyCreated(company, "Late", null, UUID.randomUUID(), Instant.parse("2026-11-28T10:15:30Z")));
        long late = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        var other = UUID.randomUUID();
        append(
                "Company",
                other,
                0,
                new CompanyCreated(other, "Early", null, UUID.randomUUID(), Instant.parse("2026-11-28T10:15:30Z")));
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        var progress = new ProjectionProgress(jdbc, serializer, Set.of(WAITING), (p, t) -> true);

        // the segment has seen the head, but the earlier event only as a gap: it is not applied yet
        store(WAITING, 0, GapAwareTrackingToken.newInstance(head, List.of(late)));
        assertThat(progress.hasProcessed(head)).isFalse();
        assertThat(progress.hasProcessed(late - 1))
                .as("what comes before the gap is done")
                .isTrue();

        // a gap where no event was committed (a rolled-back insert) holds nobody up
        store(WAITING, 0, GapAwareTrackingToken.newInstance(head, List.of(-7L)));
        assertThat(progress.hasProcessed(head)).isTrue();
    }

    @Test
    void operatorsSeeEachProjectionsPositionRateAndArrival() {
        var company = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            append(
                    "Company",
                    company,
                    i,
                    new CompanyCreated(
                            company, "Rate " + i, null, UUID.randomUUID(), Instant.parse("2026-11-28T10:15:30Z")));
        }
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        var now = new AtomicLong(1_000_000);
        var clock = new Clock() {
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        var status = new ProjectionStatus(
                new ProjectionProgress(jdbc, serializer, Set.of(RATE), (p, t) -> true),
                new ProcessorLag(jdbc, serializer),
                clock);

        store(RATE, 0, new GlobalSequenceTrackingToken(head - 3));
        status.sample();
        var first = status.all().get(0);
        assertThat(first.projection()).isEqualTo(RATE);
        assertThat(first.eventsBehind()).isEqualTo(3);
        assertThat(first.eventsPerSecond()).as("not measured yet").isNull();

        store(RATE, 0, new GlobalSequenceTrackingToken(head - 1));
        now.addAndGet(500);
        status.sample();
        var second = status.all().get(0);
        assertThat(second.position()).isEqualTo(head - 1);
        assertThat(second.head()).isEqualTo(head);
        assertThat(second.eventsPerSecond()).isEqualTo(4.0);
        assertThat(second.etaSeconds()).isEqualTo(0.25);
    }

    private void store(int segment, long position) {
        store(segment, new GlobalSequenceTrackingToken(position));
    }

    private void store(int segment, TrackingToken position) {
        store(PROCESSOR, segment, position);
    }

    private void store(String processor, int segment, TrackingToken position) {
        var token = serializer.serialize(position, byte[].class);
        jdbc.update(
                "INSERT INTO token_entry (processor_name, segment, token, token_type) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (processor_name, segment) DO UPDATE SET token = EXCLUDED.token, "
                        + "token_type = EXCLUDED.token_type",
                processor,
                segment,
                token.getData(),
                token.getType().getName());
    }
}
