package org.item2vec.trainer.retrain;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/**
 * Runs the full retrain in the trainer service whenever its cron schedule fires (by default nightly). A retrain
 * that fails is reported and leaves the current version as it is; the next one runs at the next firing.
 */
public final class RetrainScheduler implements AutoCloseable {
    private final CronSchedule schedule;
    private final ZoneId zone;
    private final RetrainJob job;
    private final Consumer<String> log;
    private final Thread thread;

    public RetrainScheduler(CronSchedule schedule, ZoneId zone, RetrainJob job, Consumer<String> log) {
        this.schedule = schedule;
        this.zone = zone;
        this.job = job;
        this.log = log;
        this.thread = new Thread(this::loop, "retrain-scheduler");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                ZonedDateTime next = schedule.next(ZonedDateTime.now(zone));
                log.accept("trainer: next retrain at " + next + " (schedule '" + schedule + "')");
                Thread.sleep(Math.max(0, Duration.between(ZonedDateTime.now(zone), next).toMillis()));
                try {
                    job.run(false);
                } catch (RuntimeException e) {
                    log.accept("trainer: retrain failed, the current version is unchanged: " + e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            // closed: stop waiting, or stop the retrain under way (it publishes nothing then)
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
