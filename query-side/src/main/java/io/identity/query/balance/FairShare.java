package io.identity.query.balance;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How many segments of one processor an instance may hold, given the live instances: {@code segments / live}
 * each, and one more for {@code segments % live} of them, so that the shares add up to the segments exactly (every
 * segment has a taker, no instance is kept waiting for one). A processor with fewer segments than instances runs on
 * as many instances as it has segments, the others holding none.
 *
 * <p>The extra segments go to the instances that hold the most of that processor already, so that a settled
 * distribution stays as it is when an instance comes or goes: only the segments that must move move (those of an
 * instance that left, the share of one that joined). Between instances holding as many, the order of their names
 * decides, turned by a number taken from the processor's name, so that on a fresh start the extras of the different
 * processors fall on different instances. Every instance computes the rule from the same rows (the heartbeats and
 * the token store), so they agree, and each one applies it to itself alone.
 */
final class FairShare {

    private FairShare() {}

    /**
     * @param processor the processor's name
     * @param segments  how many segments it has (at least 1)
     * @param live      the live instances, this one among them, each once
     * @param held      how many of the processor's segments each instance holds now (missing: none)
     * @param self      this instance
     * @return how many segments {@code self} may hold
     */
    static int of(String processor, int segments, List<String> live, Map<String, Integer> held, String self) {
        if (!live.contains(self)) {
            throw new IllegalArgumentException(self + " is not among the live instances " + live);
        }
        var names = live.stream().sorted().toList();
        int count = names.size();
        int base = segments / count;
        int extra = segments % count;
        if (extra == 0) {
            return base;
        }
        int turn = Math.floorMod(processor.hashCode(), count);
        var first = names.stream()
                .sorted(Comparator.<String>comparingInt(name -> held.getOrDefault(name, 0))
                        .reversed()
                        .thenComparingInt(name -> Math.floorMod(names.indexOf(name) - turn, count)))
                .limit(extra)
                .toList();
        return first.contains(self) ? base + 1 : base;
    }
}
