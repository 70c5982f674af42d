package dev.sigil.agent.cli;

import java.time.Duration;

/**
 * How a command that runs until it is stopped ({@code run}) waits, and learns that it must stop:
 * for the process, SIGTERM or SIGINT ({@link ShutdownSignal}); in tests, whatever the test decides,
 * with a clock that moves as the command waits.
 */
public interface StopSignal {

    /**
     * Makes the process's shutdown (SIGTERM, SIGINT) raise this signal. Called once, by the command
     * that runs until stopped; other commands keep the JVM's usual handling.
     */
    void stopOnShutdown();

    /**
     * Waits until the signal is raised or {@code timeout} has passed, whichever comes first.
     *
     * @return whether the signal was raised
     */
    boolean awaitStop(Duration timeout) throws InterruptedException;

    /** Whether the signal was raised. */
    boolean stopRequested();
}
