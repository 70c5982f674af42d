package dev.sigil.agent.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that moves only when {@code run} waits, and the stop signal of that run: a test drives
 * the loop through it, with no real time passing. Each wait is recorded, moves the clock on by its
 * length and then runs what the test set for it; the wait the test names stops the run.
 */
final class SteppedTime extends Clock implements StopSignal {

    /** More waits than any test needs: a run that does not stop fails its test, not hangs it. */
    static final int MOST_WAITS = 100;

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Map<Integer, Runnable> afterWait = new ConcurrentHashMap<>();
    private volatile Instant now;
    private volatile int stopAt = Integer.MAX_VALUE;
    private volatile boolean stopped;
    private volatile boolean listening;

    SteppedTime(Instant start) {
        this.now = start;
    }

    /** The {@code wait}th wait (from 1) ends in a stop, as SIGTERM would. */
    SteppedTime stopAt(int wait) {
        stopAt = wait;
        return this;
    }

    /** Runs {@code action} once the {@code wait}th wait (from 1) is over, before the next check. */
    SteppedTime afterWait(int wait, Runnable action) {
        afterWait.put(wait, action);
        return this;
    }

    /** The waits asked for, in order. */
    List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** Whether the run asked to be stopped by the process's shutdown. */
    boolean listening() {
        return listening;
    }

    @Override
    public void stopOnShutdown() {
        listening = true;
    }

    @Override
    public boolean awaitStop(Duration timeout) {
        waits.add(timeout);
        int wait = waits.size();
        if (wait >= stopAt) {
            stopped = true;
            return true;
        }
        if (wait >= MOST_WAITS) {
            throw new AssertionError("run did not stop after " + wait + " waits: " + waits);
        }
        now = now.plus(timeout);
        Runnable action = afterWait.get(wait);
        if (action != null) {
            action.run();
        }
        return false;
    }

    @Override
    public boolean stopRequested() {
        return stopped;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
