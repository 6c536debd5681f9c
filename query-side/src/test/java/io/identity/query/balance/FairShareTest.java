package io.identity.query.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
                            .map(node -> FairShare.of(processor, s, live, Map.of(), node))
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
                                .filter(node -> FairShare.of(processor, 1, live, Map.of(), node) == 1)
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
                    .filter(node -> FairShare.of(processor, 1, live, Map.of(), node) == 1)
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
                assertThat(FairShare.of("audit-chain", 1, live, Map.of(holder, 1), node))
                        .isEqualTo(node.equals(holder) ? 1 : 0);
            }
        }
        // 4 segments over 3: the one holding 2 keeps them
        assertThat(FairShare.of("users", 4, live, Map.of("a", 1, "b", 1, "c", 2), "c"))
                .isEqualTo(2);
        assertThat(FairShare.of("users", 4, live, Map.of("a", 1, "b", 1, "c", 2), "a"))
                .isEqualTo(1);
    }

    @Test
    void anInstanceNotAmongTheLiveOnesHasNoShare() {
        assertThatThrownBy(() -> FairShare.of("users", 4, List.of("a", "b"), Map.of(), "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void instancesComingAndGoingMoveOnlyTheSegmentsThatMustMove() {
        for (var processor : PROCESSORS) {
            for (int segments : new int[] {1, 2, 4, 5, 8}) {
                var owners = new HashMap<Integer, String>();
                var live = new ArrayList<>(List.of("first"));
                settle(processor, segments, live, owners);
                assertThat(owners.values()).as("alone, it holds every segment").containsOnly("first");
                assertThat(owners).hasSize(segments);

                for (var joining : List.of("second", "third", "fourth")) {
                    live.add(joining);
                    var before = new HashMap<>(owners);
                    settle(processor, segments, live, owners);
                    assertFair(processor, segments, live, owners);
                    assertThat(moved(before, owners))
                            .as("%s, %d segments: %s joins; only its share moves", processor, segments, joining)
                            .isEqualTo(count(owners, joining));
                }
                for (var leaving : List.of("second", "first", "fourth")) {
                    live.remove(leaving);
                    var before = new HashMap<>(owners);
                    settle(processor, segments, live, owners);
                    assertFair(processor, segments, live, owners);
                    assertThat(moved(before, owners))
                            .as("%s, %d segments: %s leaves; only its segments move", processor, segments, leaving)
                            .isEqualTo(count(before, leaving));
                }
            }
        }
    }

    /**
     * Runs claim cycles until nothing changes: the segments of instances no longer live are released (their
     * heartbeat went stale), then each live instance in turn releases its surplus and claims free segments up to its
     * share, the share computed from the holdings of the moment.
     */
    private static void settle(String processor, int segments, List<String> live, Map<Integer, String> owners) {
        owners.values().removeIf(owner -> !live.contains(owner));
        for (int cycle = 0; cycle < 20; cycle++) {
            var before = new HashMap<>(owners);
            for (var node : live) {
                var held = new HashMap<String, Integer>();
                owners.values().forEach(owner -> held.merge(owner, 1, Integer::sum));
                int share = FairShare.of(processor, segments, live, held, node);
                var mine = IntStream.range(0, segments)
                        .filter(segment -> node.equals(owners.get(segment)))
                        .boxed()
                        .toList();
                mine.stream().skip(share).forEach(owners::remove);
                for (int segment = 0; segment < segments && count(owners, node) < share; segment++) {
                    owners.putIfAbsent(segment, node);
                }
            }
            if (before.equals(owners)) {
                return;
            }
        }
        throw new AssertionError("no settled distribution: " + owners);
    }

    private static void assertFair(String processor, int segments, List<String> live, Map<Integer, String> owners) {
        assertThat(owners).as("%s: every segment has an owner", processor).hasSize(segments);
        assertThat(live)
                .allSatisfy(node -> assertThat(count(owners, node))
                        .as("%s: %s's part of %d segments over %d", processor, node, segments, live.size())
                        .isBetween(segments / live.size(), (segments + live.size() - 1) / live.size()));
    }

    private static long moved(Map<Integer, String> before, Map<Integer, String> after) {
        return after.keySet().stream()
                .filter(segment -> !Objects.equals(before.get(segment), after.get(segment)))
                .count();
    }

    private static int count(Map<Integer, String> owners, String node) {
        return (int) owners.values().stream().filter(node::equals).count();
    }

    private static List<String> nodes(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "node-" + i).toList();
    }
}
