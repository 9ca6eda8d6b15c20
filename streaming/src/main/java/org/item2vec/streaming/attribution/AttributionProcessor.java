package org.item2vec.streaming.attribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.item2vec.experiment.events.ExperimentCounts;

/**
 * Applies the {@link Attributor} to the user-keyed events: loads the user's recent activity and experiment states
 * from the stores, stores them back, and forwards the changes to the counts keyed by experiment id.
 *
 * <p>The recent activity is kept for one window of stream time (the newest event time the task has seen): after
 * each event for its user, and for idle users by a sweep every window of stream time, since nothing else would
 * ever touch their entry again.
 */
final class AttributionProcessor implements Processor<String, UserEvent, String, ExperimentCounts> {
    private final Attributor attributor;
    private final Duration window;
    private ProcessorContext<String, ExperimentCounts> context;
    private KeyValueStore<String, RecentActivity> recentActivity;
    private KeyValueStore<String, ExperimentUser> experimentUsers;

    AttributionProcessor(Duration window, AttributionMetrics metrics) {
        this.attributor = new Attributor(window, metrics);
        this.window = window;
    }

    @Override
    public void init(ProcessorContext<String, ExperimentCounts> context) {
        this.context = context;
        recentActivity = context.getStateStore(AttributionTopology.RECENT_ACTIVITY_STORE);
        experimentUsers = context.getStateStore(AttributionTopology.EXPERIMENT_USERS_STORE);
        context.schedule(window, PunctuationType.STREAM_TIME, this::forgetExpired);
    }

    @Override
    public void process(Record<String, UserEvent> record) {
        String user = record.key();
        RecentActivity recent = Objects.requireNonNullElseGet(recentActivity.get(user), RecentActivity::new);
        Map<String, ExperimentUser> touched = new HashMap<>();
        Function<String, ExperimentUser> users = experiment -> touched.computeIfAbsent(experiment, e ->
                Objects.requireNonNullElseGet(experimentUsers.get(ExperimentUser.key(e, user)), ExperimentUser::new));

        CountChanges changes = record.value() instanceof ImpressionShown shown
                ? attributor.impression(shown.impression(), recent, users)
                : attributor.engagement((Engagement) record.value(), recent, users);

        // A returning user's impression usually changes nothing of theirs: no store write, no changelog record.
        touched.forEach((experiment, state) -> {
            if (state.changed()) {
                experimentUsers.put(ExperimentUser.key(experiment, user), state);
            }
        });
        recent.forgetBefore(cutoff(context.currentStreamTimeMs()));
        store(user, recent);
        changes.nonZero().forEach((experiment, change) ->
                context.forward(record.withKey(experiment).withValue(change)));
    }

    private void forgetExpired(long streamTimeMs) {
        List<KeyValue<String, RecentActivity>> changed = new ArrayList<>();
        try (KeyValueIterator<String, RecentActivity> all = recentActivity.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.forgetBefore(cutoff(streamTimeMs))) {
                    changed.add(entry);
                }
            });
        }
        changed.forEach(entry -> store(entry.key, entry.value));
    }

    /** Events before this time can no longer be matched by an event on time, so they are forgotten. */
    private long cutoff(long streamTimeMs) {
        return streamTimeMs - window.toMillis();
    }

    private void store(String user, RecentActivity recent) {
        if (recent.isEmpty()) {
            recentActivity.delete(user);
        } else {
            recentActivity.put(user, recent);
        }
    }
}
