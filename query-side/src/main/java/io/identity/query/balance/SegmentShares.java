package io.identity.query.balance;

import org.axonframework.eventhandling.pooled.MaxSegmentProvider;

/**
 * This instance's fair share of each processor's segments, for pooled processors built outside the projections'
 * configuration (the rebuilds').
 */
public interface SegmentShares {

    /**
     * A provider of the share, for one processor about to be built. Axon's builder asks it once, before the
     * processor runs, and refuses anything below 1, while a share of 0 is right for an instance of many and a
     * processor of few segments: that first question is answered with at least 1, every later one (the processor's
     * own, each claim cycle) with the share.
     */
    MaxSegmentProvider forProcessor();
}
