package io.identity.query.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The fair-share rule, alone and as Axon's coordinators apply it: each instance releasing what is above its share
 * and claiming free segments up to it, while instances come and go.
 */
class FairShareTest {

    private static final List<String> PROCESSORS =
            List.of("users", "companies", "sessions", "audit", "audit-chain", "second-factors", "stream");

    @Test
    void theSharesAddUpToTheSegmentsAndDifferByOneAtMost() {
        for (int count = 1; count <= 5; count++) {
            var live = nodes(count);
            for (int segments = 1; segments <= 9; segments++) {
                for (var processor : PROCESSORS) {
                    int s = segments;
                    int low = segments / count;
                    int high = (segments + count - 1) / count;
                    var shares = live.stream()
                            .map(node -> FairShare.of(processor, Map.of(processor, s), live, Map.of(), node))
                            .toList();
                    assertThat(shares.stream().mapToInt(Integer::intValue).sum())
                            .as("%s: %d segments over %d instances", processor, segments, count)
                            .isEqualTo(segments);
                    assertThat(shares).allSatisfy(share -> assertThat(share).isBetween(low, high));
                }
            }
        }
    }

    @Test
    void aProcessorWithOneSegmentRunsOnExactlyOneInstance() {
        for (int count = 1; count <= 4; count++) {
            var live = nodes(count);
            for (var processor : PROCESSORS) {
                assertThat(live.stream()
                                .filter(node ->
                                        FairShare.of(processor, Map.of(processor, 1), live, Map.of(), node) == 1)
                                .count())
                        .as("%s over %d instances", processor, count)
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void theExtrasOfDifferentProcessorsFallOnDifferentInstances() {
        var live = nodes(3);
        var takers = new HashSet<String>();
        for (var processor : PROCESSORS) {
            live.stream()
                    .filter(node -> FairShare.of(processor, Map.of(processor, 1), live, Map.of(), node) == 1)
                    .forEach(takers::add);
        }
        assertThat(takers).as("the instances running a one-segment processor").hasSizeGreaterThan(1);
    }

    @Test
    void theInstancesHoldingTheMostKeepTheExtras() {
        var live = List.of("a", "b", "c");
        // whoever holds the one segment keeps it, whatever the names' order says
        for (var holder : live) {
            for (var node : live) {
                assertThat(FairShare.of(
                                "audit-chain",
                                Map.of("audit-chain", 1),
                                live,
                                Map.of("audit-chain", Map.of(holder, 1)),
                                node))
                        .isEqualTo(node.equals(holder) ? 1 : 0);
            }
        }
        // 4 segments over 3: the one holding 2 keeps them
        assertThat(FairShare.of(
                        "users", Map.of("users", 4), live, Map.of("users", Map.of("a", 1, "b", 1, "c", 2)), "c"))
                .isEqualTo(2);
        assertThat(FairShare.of(
                        "users", Map.of("users", 4), live, Map.of("users", Map.of("a", 1, "b", 1, "c", 2)), "a"))
                .isEqualTo(1);
    }

    @Test
    void anInstanceNotAmongTheLiveOnesHasNoShare() {
        assertThatThrownBy(() -> FairShare.of("users", Map.of("users", 4), List.of("a", "b"), Map.of(), "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInstanceAtItsPartOfAllSegmentsLeavesAnExtraToAnother() {
        var live = List.of("a", "b", "c");
        var segments = Map.of("companies", 4, "users", 4);
        // 8 segments over 3: a part of 3 each; a holds the extra of both
        var held = Map.of("companies", Map.of("a", 2, "b", 1, "c", 1), "users", Map.of("a", 2, "b", 1, "c", 1));
        assertThat(FairShare.of("companies", segments, live, held, "a")).isEqualTo(2);
        assertThat(FairShare.of("users", segments, live, held, "a")).isEqualTo(1);
        assertThat(live.stream()
                        .mapToInt(node -> FairShare.of("users", segments, live, held, node))
                        .sum())
                .isEqualTo(4);
    }

    @Test
    void instancesComingAndGoingMoveOnlyTheSegmentsThatMustMove() {
        for (var processor : PROCESSORS) {
            for (int segments : new int[] {1, 2, 4, 5, 8}) {
                var cluster = new Cluster(Map.of(processor, segments));
                cluster.settle();
                assertThat(cluster.owners.get(processor).values())
                        .as("alone, it holds every segment")
                        .containsOnly("first");
                assertThat(cluster.owners.get(processor)).hasSize(segments);

                for (var joining : List.of("second", "third", "fourth")) {
                    var before = cluster.copy();
                    cluster.live.add(joining);
                    cluster.settle();
                    cluster.assertFair();
                    assertThat(cluster.moved(before))
                            .as("%s, %d segments: %s joins; only its share moves", processor, segments, joining)
                            .isEqualTo(cluster.total(joining));
                }
                for (var leaving : List.of("second", "first", "fourth")) {
                    var before = cluster.copy();
                    int itsSegments = cluster.total(leaving);
                    cluster.live.remove(leaving);
                    cluster.settle();
                    cluster.assertFair();
                    assertThat(cluster.moved(before))
                            .as("%s, %d segments: %s leaves; only its segments move", processor, segments, leaving)
                            .isEqualTo(itsSegments);
                }
            }
        }
    }

    @Test
    void theInstancesHoldAboutAsManySegmentsInAllAsTheyComeAndGo() {
        // the query side's processors and their segments (query-side.yml)
        var processors = Map.of(
                "users",
                4,
                "companies",
                4,
                "sessions",
                4,
                "invitations",
                4,
                "second-factors",
                2,
                "audit",
                4,
                "audit-chain",
                1,
                "erasures",
                4,
                "stream",
                4);
        var cluster = new Cluster(processors);
        cluster.settle();
        for (var joining : List.of("second", "third", "fourth")) {
            cluster.live.add(joining);
            cluster.settle();
            cluster.assertFair();
            assertThat(cluster.spread())
                    .as("%s joined: %s", joining, cluster.owners)
                    .isLessThanOrEqualTo(2);
        }
        for (var leaving : List.of("first", "third")) {
            cluster.live.remove(leaving);
            cluster.settle();
            cluster.assertFair();
            assertThat(cluster.spread())
                    .as("%s left: %s", leaving, cluster.owners)
                    .isLessThanOrEqualTo(2);
        }
    }

    /**
     * Processors' segments and their owners, moved as Axon's coordinators move them; starting with one instance,
     * {@code first}.
     */
    private static final class Cluster {

        final Map<String, Integer> segments;
        final Map<String, Map<Integer, String>> owners = new TreeMap<>();
        final List<String> live = new ArrayList<>(List.of("first"));

        Cluster(Map<String, Integer> segments) {
            this.segments = segments;
            segments.keySet().forEach(processor -> owners.put(processor, new TreeMap<>()));
        }

        /**
         * Runs claim cycles until nothing changes: the segments of instances no longer live are released (their
         * heartbeat went stale), then each live instance in turn, for each processor, releases its surplus and
         * claims free segments up to its share, the share computed from the holdings of the moment.
         */
        void settle() {
            owners.values().forEach(processor -> processor.values().removeIf(owner -> !live.contains(owner)));
            for (int cycle = 0; cycle < 20; cycle++) {
                var before = copy();
                for (var node : live) {
                    for (var processor : owners.keySet()) {
                        var mine = owners.get(processor);
                        var held = new HashMap<String, Map<String, Integer>>();
                        owners.forEach((name, owned) -> owned.values()
                                .forEach(owner -> held.computeIfAbsent(name, n -> new HashMap<>())
                                        .merge(owner, 1, Integer::sum)));
                        int count = segments.get(processor);
                        int share = FairShare.of(processor, segments, live, held, node);
                        mine.entrySet().stream()
                                .filter(entry -> entry.getValue().equals(node))
                                .map(Map.Entry::getKey)
                                .skip(share)
                                .toList()
                                .forEach(mine::remove);
                        for (int segment = 0; segment < count && held(processor, node) < share; segment++) {
                            mine.putIfAbsent(segment, node);
                        }
                    }
                }
                if (before.equals(copy())) {
                    return;
                }
            }
            throw new AssertionError("no settled distribution: " + owners);
        }

        void assertFair() {
            segments.forEach((processor, count) -> {
                assertThat(owners.get(processor))
                        .as("%s: every segment has an owner", processor)
                        .hasSize(count);
                assertThat(live)
                        .allSatisfy(node -> assertThat(held(processor, node))
                                .as("%s: %s's part of %d segments over %d", processor, node, count, live.size())
                                .isBetween(count / live.size(), (count + live.size() - 1) / live.size()));
            });
        }

        Map<String, Map<Integer, String>> copy() {
            var copy = new TreeMap<String, Map<Integer, String>>();
            owners.forEach((processor, owned) -> copy.put(processor, new TreeMap<>(owned)));
            return copy;
        }

        long moved(Map<String, Map<Integer, String>> before) {
            return owners.entrySet().stream()
                    .mapToLong(processor -> processor.getValue().entrySet().stream()
                            .filter(segment -> !Objects.equals(
                                    before.get(processor.getKey()).get(segment.getKey()), segment.getValue()))
                            .count())
                    .sum();
        }

        int held(String processor, String node) {
            return (int)
                    owners.get(processor).values().stream().filter(node::equals).count();
        }

        int total(String node) {
            return owners.keySet().stream()
                    .mapToInt(processor -> held(processor, node))
                    .sum();
        }

        int spread() {
            var totals = live.stream().mapToInt(this::total).toArray();
            return IntStream.of(totals).max().orElse(0)
                    - IntStream.of(totals).min().orElse(0);
        }
    }

    private static List<String> nodes(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "node-" + i).toList();
    }
}
