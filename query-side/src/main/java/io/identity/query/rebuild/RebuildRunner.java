package io.identity.query.rebuild;

import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * This instance's part in the rebuilds: it runs the processor of every running rebuild (sharing its segments with
 * the other instances), switches one that has caught up, and lets go of the others.
 */
final class RebuildRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildRunner.class);

    private final RebuildableModels models;
    private final JdbcTemplate jdbc;
    private final RebuildProcessor.Parts parts;
    private final RebuildSchema schema;
    private final TableSwap swap;
    private final RebuildProgress progress;
    private final EventProcessingConfiguration processing;
    private final long switchLag;
    private final Map<String, RebuildProcessor> running = new ConcurrentHashMap<>();

    /**
     * @param switchLag a rebuild is switched in once it is within this many events of the store's head
     */
    RebuildRunner(
            RebuildableModels models,
            JdbcTemplate jdbc,
            RebuildProcessor.Parts parts,
            RebuildSchema schema,
            TableSwap swap,
            RebuildProgress progress,
            EventProcessingConfiguration processing,
            long switchLag) {
        this.models = models;
        this.jdbc = jdbc;
        this.parts = parts;
        this.schema = schema;
        this.swap = swap;
        this.progress = progress;
        this.processing = processing;
        this.switchLag = switchLag;
    }

    /**
     * Brings this instance in line with {@code projection_rebuilds}: runs the processor of each running rebuild,
     * switches one that has caught up, and lets go of the others.
     */
    synchronized void refresh() {
        var states = new HashMap<String, Rebuilds.State>();
        jdbc.query("SELECT processing_group, state FROM projection_rebuilds", rs -> {
            states.put(rs.getString(1), Rebuilds.State.valueOf(rs.getString(2)));
        });
        for (var projection : models.projections()) {
            try {
                if (states.get(projection) == Rebuilds.State.RUNNING) {
                    run(projection);
                    if (progress.lag(Rebuilds.processorOf(projection)) <= switchLag
                            && swap.switchIn(
                                    projection,
                                    models.get(projection).readModel(),
                                    schema.of(projection),
                                    Rebuilds.processorOf(projection))) {
                        LOG.info("Rebuild of {} switched in", projection);
                        letGo(projection);
                        reclaim(projection);
                    }
                } else {
                    letGo(projection);
                }
            } catch (RuntimeException e) {
                LOG.warn("Rebuild of {}: {}", projection, e.toString());
            }
        }
    }

    /** Runs this instance's share of a rebuild's processor, unless it already does. */
    synchronized void run(String projection) {
        running.computeIfAbsent(projection, p -> {
            var segments =
                    jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class, p);
            var name = Rebuilds.processorOf(p);
            var processor = new RebuildProcessor(
                    parts,
                    name,
                    schema.of(p),
                    Math.max(1, segments),
                    models.get(p).handler());
            progress.watch(name);
            return processor;
        });
    }

    /**
     * The projection's segments were left unclaimed by the switch: this instance takes them at once rather than at
     * its next claim round, so that the few events past the switch reach the new tables in moments.
     */
    private void reclaim(String projection) {
        processing.eventProcessor(projection, StreamingEventProcessor.class).ifPresent(processor -> {
            for (var segment : jdbc.queryForList(
                    "SELECT segment FROM token_entry WHERE processor_name = ?", Integer.class, projection)) {
                processor.claimSegment(segment);
            }
        });
    }

    /** Stops this instance's share, and clears the rebuild's schema and tokens once no instance holds them. */
    private void letGo(String projection) {
        var processor = running.remove(projection);
        if (processor != null) {
            processor.close();
            progress.forget(Rebuilds.processorOf(projection));
        }
        schema.clear(projection, schema.of(projection), Rebuilds.processorOf(projection));
    }

    @PreDestroy
    void stop() {
        running.values().forEach(RebuildProcessor::close);
        running.clear();
    }
}
