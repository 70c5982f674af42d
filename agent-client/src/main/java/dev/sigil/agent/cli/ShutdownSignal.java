package dev.sigil.agent.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The process's {@link StopSignal}: SIGTERM and SIGINT, which start the JVM's shutdown.
 *
 * <p>The shutdown hook that {@link #stopOnShutdown()} installs raises the signal, which ends a wait
 * at once, and then holds the shutdown until the command has finished its step and {@link #exit}
 * has its exit code; it halts the JVM with that code. Without it the JVM would end with 143 or 130
 * (killed by the signal), which systemd reports as a failure, and could end in the middle of
 * writing a key.
 */
public final class ShutdownSignal implements StopSignal {

    /**
     * How long the hook waits for the command to finish: longer than one HTTP call can take (10 s
     * to connect, 30 s for the answer), shorter than systemd's 90 s before SIGKILL.
     */
    static final Duration GRACE = Duration.ofSeconds(60);

    /** What this class needs of {@link Runtime}, so that tests can play the JVM. */
    interface Jvm {
        void addShutdownHook(Thread hook);

        /**
         * @throws IllegalStateException when the shutdown has begun
         */
        void removeShutdownHook(Thread hook);

        void halt(int status);

        void exit(int status);

        Jvm RUNTIME =
                new Jvm() {
                    @Override
                    public void addShutdownHook(Thread hook) {
                        Runtime.getRuntime().addShutdownHook(hook);
                    }

                    @Override
                    public void removeShutdownHook(Thread hook) {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    }

                    @Override
                    public void halt(int status) {
                        Runtime.getRuntime().halt(status);
                    }

                    @Override
                    public void exit(int status) {
                        System.exit(status);
                    }
                };
    }

    private final Jvm jvm;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private Thread hook;

    public ShutdownSignal() {
        this(Jvm.RUNTIME);
    }

    ShutdownSignal(Jvm jvm) {
        this.jvm = jvm;
    }

    @Override
    public synchronized void stopOnShutdown() {
        if (hook == null) {
            hook = new Thread(this::onShutdown, "sigil-agent-shutdown");
            jvm.addShutdownHook(hook);
        }
    }

    private void onShutdown() {
        stop.countDown();
        try {
            jvm.halt(exitCode.get(GRACE.toSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            // The command is stuck: let the JVM end as the signal says.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit code is never completed exceptionally", e);
        }
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE; // some 292 years
        }
        return stop.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /**
     * Ends the process with {@code code}: at once, or during a shutdown by handing the code to the
     * hook, which halts with it.
     */
    public void exit(int code) {
        exitCode.complete(code);
        Thread installed;
        synchronized (this) {
            installed = hook;
        }
        if (installed != null) {
            try {
                jvm.removeShutdownHook(installed);
            } catch (IllegalStateException shutdownUnderWay) {
                return; // the hook has the code now
            }
        }
        jvm.exit(code);
    }
}
