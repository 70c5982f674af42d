package dev.sigil.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10) // a hook that fails to end a wait must fail its test, not hang the build
class ShutdownSignalTest {

    /** Plays the JVM: keeps the hook, runs it as SIGTERM would, records halt and exit. */
    static final class FakeJvm implements ShutdownSignal.Jvm {

        volatile Thread hook;
        volatile int hooksAdded;
        volatile boolean shuttingDown;
        final CompletableFuture<Integer> halted = new CompletableFuture<>();
        final CompletableFuture<Integer> exited = new CompletableFuture<>();

        @Override
        public void addShutdownHook(Thread hook) {
            this.hook = hook;
            hooksAdded++;
        }

        @Override
        public void removeShutdownHook(Thread hook) {
            if (shuttingDown) {
                throw new IllegalStateException("Shutdown in progress");
            }
            this.hook = null;
        }

        @Override
        public void halt(int status) {
            halted.complete(status);
        }

        @Override
        public void exit(int status) {
            exited.complete(status);
        }

        /** What SIGTERM does: the shutdown begins and the hooks start. */
        void signal() {
            shuttingDown = true;
            hook.start();
        }
    }

    FakeJvm jvm = new FakeJvm();
    ShutdownSignal cut = new ShutdownSignal(jvm);

    @Test
    void withoutASignalExitRemovesTheHookAndExitsWithTheCode() {
        cut.stopOnShutdown();

        cut.exit(5);

        assertEquals(5, jvm.exited.getNow(-1));
        assertNull(jvm.hook, "removed");
        assertFalse(jvm.halted.isDone());
    }

    @Test
    void commandsThatDoNotRunUntilStoppedGetNoHook() {
        cut.exit(3);

        assertEquals(0, jvm.hooksAdded);
        assertEquals(3, jvm.exited.getNow(-1));
    }

    @Test
    void theHookEndsTheWaitAndHaltsWithTheCodeTheCommandEndedWith() throws Exception {
        cut.stopOnShutdown();
        cut.stopOnShutdown();
        assertEquals(1, jvm.hooksAdded, "one hook");
        var waiting =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return cut.awaitStop(Duration.ofDays(1));
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });

        jvm.signal();

        assertTrue(waiting.get(1, TimeUnit.SECONDS), "the wait ended by the signal");
        assertTrue(cut.stopRequested());
        assertFalse(jvm.halted.isDone(), "the hook waits for the command's exit code");
        cut.exit(0);
        assertEquals(0, jvm.halted.get(1, TimeUnit.SECONDS));
        assertFalse(jvm.exited.isDone(), "System.exit would block during a shutdown");
    }

    @Test
    void aWaitWithoutASignalRunsOutAndAWaitOfAnyLengthIsAccepted() throws Exception {
        assertFalse(cut.awaitStop(Duration.ofMillis(1)));
        assertFalse(cut.stopRequested());
        cut.stopOnShutdown();
        jvm.signal();
        cut.exit(0);

        assertTrue(cut.awaitStop(Duration.ofSeconds(Long.MAX_VALUE)), "more nanos than a long");
    }
}
