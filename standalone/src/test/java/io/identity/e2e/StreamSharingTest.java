package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.stream.StreamPublisher;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import io.identity.support.test.Registrations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two query-side instances share the publisher's segments through the token store; whichever publishes a key,
 * and when one of them leaves mid-stream, each key's events reach Kafka in order, none lost.
 */
class StreamSharingTest {

    private static final String PASSWORD = "correct horse battery";
    private static final int COMPANIES = 4;
    private static final int RENAMES = 12;

    @Test
    void twoInstancesShareThePublisherAndEveryKeyStaysInOrderUnderConcurrentWrites() throws Exception {
        var system = RunningSystem.get();
        var jdbc = system.queryContext.getBean(JdbcTemplate.class);
        var companies = new LinkedHashMap<String, String[]>();
        for (int i = 0; i < COMPANIES; i++) {
            var name = "p" + UUID.randomUUID().toString().substring(0, 8);
            var companyId = system.command
                    .post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, name))
                    .json()
                    .path("companyId")
                    .asString();
            var token = system.command
                    .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                    .json()
                    .path("access_token")
                    .asString();
            companies.put(companyId, Http.bearer(token));
        }

        // the first instance lets go of half the publisher's segments, and the second, starting, takes them
        var first = system.queryContext
                .getBean(EventProcessingConfiguration.class)
                .eventProcessor(StreamPublisher.GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        first.releaseSegment(0, 15, TimeUnit.SECONDS);
        first.releaseSegment(1, 15, TimeUnit.SECONDS);
        var second = system.startQuerySide();
        try {
            assertThat(Eventually.within(
                            Duration.ofSeconds(20),
                            () -> jdbc.queryForObject(
                                            "SELECT count(DISTINCT "
                                                    + "owner) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL",
                                            Integer.class,
                                            StreamPublisher.GROUP)
                                    == 2))
                    .as("the segments are shared by two instances")
                    .isTrue();
            renameConcurrently(system, companies, 0, RENAMES / 2);
        } finally {
            second.close(); // mid-stream: its segments go back to the first instance
        }
        renameConcurrently(system, companies, RENAMES / 2, RENAMES);

        for (var companyId : companies.keySet()) {
            var events = read(system, companyId, "renamed " + (RENAMES - 1));
            var ids = new LinkedHashSet<String>();
            var sequences = new ArrayList<Long>();
            var names = new ArrayList<String>();
            for (var event : events) {
                if (ids.add(event.path("id").asString())) { // at least once: a repeat has the same id
                    sequences.add(event.path("sequence").asLong());
                    if (event.path("type").asString().equals("identity.company.CompanyUpdated")) {
                        names.add(
                                event.path("data").path("changed").path("name").asString());
                    }
                }
            }
            assertThat(sequences).as("sequences of %s", companyId).isSorted().doesNotHaveDuplicates();
            assertThat(sequences.get(sequences.size() - 1) - sequences.get(0) + 1)
                    .as("none missing")
                    .isEqualTo(sequences.size());
            var expected = new ArrayList<String>();
            for (int n = 0; n < RENAMES; n++) {
                expected.add("renamed " + n);
            }
            assertThat(names).as("renames of %s", companyId).containsExactlyElementsOf(expected);
        }
    }

    /** Every company renamed {@code from} to {@code to - 1} times, the companies at once, each in its order. */
    private static void renameConcurrently(RunningSystem system, Map<String, String[]> companies, int from, int to)
            throws Exception {
        var pool = Executors.newFixedThreadPool(companies.size());
        try {
            var tasks = new ArrayList<Callable<Void>>();
            companies.forEach((companyId, auth) -> tasks.add(() -> {
                for (int n = from; n < to; n++) {
                    var response = system.command.patch(
                            "/api/v1/companies/" + companyId, Map.of("name", "renamed " + n), auth);
                    assertThat(response.status()).as(response.toString()).isEqualTo(204);
                }
                return null;
            }));
            for (var future : pool.invokeAll(tasks)) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The company's messages on its topic, in topic order, once one with the given new name has arrived. */
    private static List<JsonNode> read(RunningSystem system, String companyId, String last) {
        return Topics.readUntil(
                        system,
                        "identity.companies",
                        Duration.ofSeconds(45),
                        all -> all.stream()
                                .anyMatch(r -> companyId.equals(r.key())
                                        && last.equals(Http.JSON
                                                .readTree(r.value())
                                                .path("data")
                                                .path("changed")
                                                .path("name")
                                                .asString())))
                .stream()
                .filter(r -> companyId.equals(r.key()))
                .map(r -> Http.JSON.readTree(r.value()))
                .toList();
    }
}
