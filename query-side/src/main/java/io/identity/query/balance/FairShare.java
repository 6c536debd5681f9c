package io.identity.query.balance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How many segments of one processor an instance may hold, given the live instances: {@code segments / live}
 * each, and one more for {@code segments % live} of them, so that the shares add up to the segments exactly (every
 * segment has a taker, no instance is kept waiting for one). A processor with fewer segments than instances runs on
 * as many instances as it has segments, the others holding none.
 *
 * <p>Who gets the extra segments is decided for all processors at once, in the order of their names, from what each
 * instance holds now. An instance already holding one of a processor's extras keeps it, so that a settled
 * distribution stays as it is and few segments move when an instance comes or goes; unless that would take it above
 * its part of all the segments ({@code all / live}, rounded up), so that the instances' loads even out across the
 * processors too (without that, the instances there first would keep every processor's extra, and one that joins
 * would get the smallest part of each). Between instances holding as many, the order of their names decides, turned
 * by a number taken from the processor's name, so that on a fresh start the extras fall on different instances.
 * Every instance computes the rule from the same rows (the heartbeats and the token store), so they agree, and each
 * one applies it to itself alone; a distribution that follows the rule is one the rule leaves as it is.
 */
final class FairShare {

    private FairShare() {}

    /**
     * @param processor the processor's name
     * @param segments  how many segments each processor has (this one among them, at least 1 each)
     * @param live      the live instances, this one among them, each once
     * @param held      per processor, how many of its segments each instance holds now (missing: none)
     * @param self      this instance
     * @return how many segments of {@code processor} {@code self} may hold
     */
    static int of(
            String processor,
            Map<String, Integer> segments,
            List<String> live,
            Map<String, Map<String, Integer>> held,
            String self) {
        if (!live.contains(self)) {
            throw new IllegalArgumentException(self + " is not among the live instances " + live);
        }
        if (!segments.containsKey(processor)) {
            throw new IllegalArgumentException("no segments of " + processor + " in " + segments);
        }
        var names = new ArrayList<>(new TreeSet<>(live));
        int count = names.size();
        int all = segments.values().stream().mapToInt(Integer::intValue).sum();
        int part = (all + count - 1) / count;
        // the bases first: every instance holds them whatever the extras
        var assigned = new HashMap<String, Integer>();
        int bases = segments.values().stream().mapToInt(s -> s / count).sum();
        names.forEach(name -> assigned.put(name, bases));
        for (var name : new TreeSet<>(segments.keySet())) {
            int base = segments.get(name) / count;
            int extra = segments.get(name) % count;
            var holding = held.getOrDefault(name, Map.of());
            int turn = Math.floorMod(name.hashCode(), count);
            var order = names.stream()
                    .sorted(Comparator.<String>comparingInt(node -> holding.getOrDefault(node, 0))
                            .reversed()
                            .thenComparingInt(node -> Math.floorMod(names.indexOf(node) - turn, count)))
                    .toList();
            var takers = new ArrayList<String>();
            for (var node : order) {
                if (takers.size() < extra && assigned.get(node) < part) {
                    takers.add(node);
                }
            }
            for (var node : order) {
                if (takers.size() < extra && !takers.contains(node)) {
                    takers.add(node);
                }
            }
            takers.forEach(node -> assigned.merge(node, 1, Integer::sum));
            if (name.equals(processor)) {
                return base + (takers.contains(self) ? 1 : 0);
            }
        }
        throw new IllegalStateException("unreachable: " + processor + " is among " + segments.keySet());
    }
}
