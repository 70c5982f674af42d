package dev.sigil.agent.cli;

import dev.sigil.agent.channel.AccessToken;
import dev.sigil.agent.channel.AgentRecord;
import dev.sigil.agent.channel.ChannelException;
import dev.sigil.agent.channel.SigilServer;
import dev.sigil.agent.config.AgentConfig;
import dev.sigil.agent.keys.AgentKeyPair;
import dev.sigil.agent.keys.AssertionSigner;
import dev.sigil.agent.keys.KeyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sigil-agent run}: the agent's service. For now it keeps the agent's identity healthy: it
 * authenticates and reads the agent's record every check interval, and rotates the key before it
 * expires (L4).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the agent's service in the foreground until SIGTERM or SIGINT; the systemd unit"
                    + " that register writes starts it.",
            "In this version it keeps the agent's identity: every check interval it authenticates"
                    + " with its key and reads its record, and it rotates the key (as rotate-key"
                    + " does) before the key expires. Jobs will arrive over this same service in a"
                    + " later version.",
            "Status lines go to stdout, failures to stderr. Network failures, server errors and"
                    + " rate limits are retried with backoff; it exits only when a retry cannot"
                    + " help: 3 configuration or key file, 5 the server refuses the agent, 7 a file"
                    + " cannot be read or written."
        })
final class RunCommand extends AgentCommand {

    /**
     * How long after it was written a key left staged may still be taken by the server: the proof
     * made for it is accepted at most 5 minutes, with 30 s of clock skew; a minute for both.
     */
    static final Duration STAGED_KEY_DEADLINE = AssertionSigner.MAXIMUM_LIFETIME.plusMinutes(1);

    /** The shortest wait between two checks, so that nothing becomes a busy loop. */
    static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);

    @Spec CommandSpec spec;

    @Option(
            names = "--check-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "1h",
            description =
                    "How often to authenticate and read the agent's record, e.g. 15m, 1h or PT30M;"
                            + " at least 1s. Default: ${DEFAULT-VALUE}.")
    Duration checkInterval;

    @Option(
            names = "--rotate-before",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "14d",
            description =
                    "Rotate the key once it expires within this, e.g. 14d or 72h. When the server"
                            + " gives new keys no longer a lifetime than this, a new key is rotated"
                            + " once a third of its lifetime is left instead. A key without expiry"
                            + " is never rotated. Default: ${DEFAULT-VALUE}.")
    Duration rotateBefore;

    @Mixin OverlapOption overlap = new OverlapOption();

    /** Whether the first check has succeeded and the status line is out. */
    private boolean started;

    /** Failures in a row, and when the first of them happened. */
    private int failures;

    private Instant failingSince;

    /** The lifetime the server gave the key this process installed last, once it rotated. */
    private Optional<Duration> keyLifetime = Optional.empty();

    private String lastFingerprint;

    RunCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        if (checkInterval.compareTo(SHORTEST_WAIT) < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--check-interval must be at least 1s");
        }
        AgentConfig config = config();
        SigilServer sigil = connect(config.requireServer());
        String id = config.requireAgentId();
        readKey(config); // a missing or bad key file ends the service before anything is sent
        var schedule = new RotationSchedule(rotateBefore);
        var backoff = new Backoff(checkInterval, invocation.random());
        StopSignal stop = invocation.stop();
        stop.stopOnShutdown();

        while (true) {
            Duration wait;
            try {
                wait = check(config, sigil, id, schedule, stop);
                failures = 0;
            } catch (RuntimeException e) {
                ChannelException retryable = retryable(e).orElseThrow(() -> permanent(e));
                if (failures++ == 0) {
                    failingSince = invocation.clock().instant();
                }
                wait = backoff.after(failures, retryable.retryAfter());
                progress(
                        "sigil-agent: "
                                + oneLine(e.getMessage())
                                + "; retrying in "
                                + seconds(wait)
                                + " s");
            }
            try {
                if (stop.awaitStop(wait)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        say("sigil-agent: stopped");
        return ExitCode.OK.code();
    }

    /**
     * One check: authenticate with the key on disk, read the record, settle a key left staged, and
     * rotate the key when it is due.
     *
     * @return how long to wait before the next check
     */
    private Duration check(
            AgentConfig config,
            SigilServer sigil,
            String id,
            RotationSchedule schedule,
            StopSignal stop) {
        var key = new KeyFile(config.keyFile());
        AgentKeyPair current = readKey(config); // again each time: rotate-key may have replaced it
        AccessToken token = mintToken(sigil, id, current);
        AgentRecord record = sigil.me(token);
        Instant now = invocation.clock().instant();
        Optional<Instant> expires = expiry(record);
        report(id, record, current, expires, schedule);

        Duration lead = schedule.lead(keyLifetime);
        Optional<Instant> dueAt = expires.map(t -> t.minus(lead));
        boolean due = dueAt.isPresent() && !now.isBefore(dueAt.get()) && !stop.stopRequested();
        // The key files change only under their lock, so that rotate-key run by hand meanwhile
        // waits for this check's rotation, or this check for it, instead of taking its staged key.
        // No key work, no lock (null): the hourly check needs no writable key directory.
        boolean keyWork = Files.exists(key.stagedPath()) || due;
        try (KeyFile.Lock lock = keyWork ? key.lock(line -> say("sigil-agent: " + line)) : null) {
            if (lock != null && !readKey(config).fingerprint().equals(current.fingerprint())) {
                return SHORTEST_WAIT; // replaced while this check ran: check again with the new key
            }
            if (Files.exists(key.stagedPath())) {
                Optional<Duration> settled = settleStaged(key, current, record, now);
                if (settled.isPresent()) {
                    return settled.get();
                }
            } else {
                checkFingerprint(record.keyFingerprint(), current);
            }

            if (dueAt.isEmpty()) {
                return checkInterval;
            }
            if (!due) {
                return until(now, dueAt.get());
            }

            Rotated rotated;
            try {
                rotated = rotate(sigil, id, token, key, overlap.value(), line -> {});
            } catch (ChannelException e) {
                if (e.kind() != ChannelException.Kind.REJECTED) {
                    throw e;
                }
                warn(
                        "the key was not rotated: "
                                + e.getMessage()
                                + "; trying again at the next check");
                return checkInterval;
            }
            Instant rotatedAt = invocation.clock().instant();
            Optional<Instant> newExpiry =
                    rotated.answer().keyExpiresAt().flatMap(AgentCommand::instant);
            newExpiry
                    .map(t -> Duration.between(rotatedAt, t))
                    .filter(d -> !d.isNegative() && !d.isZero())
                    .ifPresent(d -> keyLifetime = Optional.of(d));
            lastFingerprint = rotated.key().fingerprint();
            say(
                    "sigil-agent: rotated the key "
                            + current.fingerprint()
                            + " (expires "
                            + expires.get()
                            + ", within "
                            + DurationConverter.format(lead)
                            + ") to "
                            + rotated.key().fingerprint()
                            + newExpiry.map(t -> " (expires " + t + ")").orElse(" (no expiry)")
                            + rotated.answer()
                                    .previousKeyRetiresAt()
                                    .map(t -> "; the previous key stays valid until " + t)
                                    .orElse(""));
            return newExpiry
                    .map(t -> until(rotatedAt, schedule.dueAt(t, keyLifetime)))
                    .orElse(checkInterval);
        }
    }

    /** The status line at start, a line on recovery, and a line when the key file changed. */
    private void report(
            String id,
            AgentRecord record,
            AgentKeyPair current,
            Optional<Instant> expires,
            RotationSchedule schedule) {
        String fingerprint = current.fingerprint();
        String key =
                "key " + fingerprint + expires.map(t -> " expires " + t).orElse(" without expiry");
        if (!started) {
            started = true;
            say(
                    "sigil-agent: running as agent "
                            + id
                            + record.name().map(n -> " (" + n + ")").orElse("")
                            + ", "
                            + key
                            + "; checking every "
                            + DurationConverter.format(checkInterval)
                            + (expires.isPresent()
                                    ? ", rotating the key "
                                            + DurationConverter.format(schedule.lead(keyLifetime))
                                            + " before it expires"
                                    : ""));
        } else if (failures > 0) {
            say(
                    "sigil-agent: recovered after "
                            + failures
                            + (failures == 1 ? " failed attempt" : " failed attempts")
                            + " since "
                            + failingSince
                            + "; "
                            + key);
        }
        if (lastFingerprint != null && !lastFingerprint.equals(fingerprint)) {
            say(
                    "sigil-agent: the key file now holds key "
                            + fingerprint
                            + ", was "
                            + lastFingerprint);
        }
        lastFingerprint = fingerprint;
    }

    /**
     * Settles a key left staged by a rotation whose outcome was unknown (L4.5): installs it when
     * the server has it; discards it when the server still has the current key and can no longer
     * take the staged one; else leaves it, and rotates nothing until it is settled.
     *
     * @return how long to wait before the next check when this check must not go on to a rotation
     */
    private Optional<Duration> settleStaged(
            KeyFile key, AgentKeyPair current, AgentRecord record, Instant now) {
        Instant written;
        try {
            written = Files.getLastModifiedTime(key.stagedPath()).toInstant();
        } catch (NoSuchFileException e) {
            return Optional.empty(); // settled meanwhile, by rotate-key
        } catch (IOException e) {
            throw new CliFailure(
                    ExitCode.IO, "cannot read " + key.stagedPath() + ": " + KeyFile.reason(e), e);
        }
        AgentKeyPair staged = new KeyFile(key.stagedPath()).read();
        Optional<String> reported = record.keyFingerprint();
        if (reported.equals(Optional.of(staged.fingerprint()))) {
            key.commit();
            lastFingerprint = staged.fingerprint();
            say(
                    "sigil-agent: an earlier rotation went through: installed the key "
                            + staged.fingerprint()
                            + " from "
                            + key.stagedPath()
                            + "; the previous key "
                            + current.fingerprint()
                            + " is in "
                            + key.previousPath());
            return Optional.of(SHORTEST_WAIT); // the next check authenticates with it
        }
        if (!reported.equals(Optional.of(current.fingerprint()))) {
            warn(
                    "the server reports key "
                            + reported.orElse("(none)")
                            + ", neither the local key "
                            + current.fingerprint()
                            + " nor the one in "
                            + key.stagedPath()
                            + "; no rotation until that is settled");
            return Optional.of(checkInterval);
        }
        Instant deadline = written.plus(STAGED_KEY_DEADLINE);
        if (now.isBefore(deadline)) {
            say(
                    "sigil-agent: the server may still take the key in "
                            + key.stagedPath()
                            + " from an earlier rotation; checking again after "
                            + deadline);
            return Optional.of(until(now, deadline));
        }
        key.discardStaged();
        say(
                "sigil-agent: the server did not take the key of an earlier rotation; discarded "
                        + key.stagedPath());
        return Optional.empty();
    }

    /** The wait until {@code at}: at most the check interval, at least {@link #SHORTEST_WAIT}. */
    private Duration until(Instant now, Instant at) {
        Duration left = Duration.between(now, at);
        if (left.compareTo(checkInterval) > 0) {
            return checkInterval;
        }
        return left.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : left;
    }

    private Optional<Instant> expiry(AgentRecord record) {
        Optional<String> text = record.keyExpiresAt();
        Optional<Instant> parsed = text.flatMap(AgentCommand::instant);
        if (text.isPresent() && parsed.isEmpty() && !started) {
            warn(
                    "the server reports the key expiry "
                            + text.get()
                            + ", not an instant; no rotation");
        }
        return parsed;
    }

    /**
     * The failure when a retry may cure it (L4.4): no answer, a server error, a rate limit, also
     * when it left a rotation's outcome unknown.
     */
    private static Optional<ChannelException> retryable(RuntimeException e) {
        Throwable failure =
                e instanceof CliFailure && e.getCause() instanceof ChannelException
                        ? e.getCause()
                        : e;
        if (failure instanceof ChannelException c) {
            return switch (c.kind()) {
                case UNREACHABLE, FAILED, RATE_LIMITED -> Optional.of(c);
                case REJECTED, MISDIRECTED -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** The failure to exit with (L4.6), saying why there is no retry when the server said no. */
    private static RuntimeException permanent(RuntimeException e) {
        if (e instanceof ChannelException c && c.kind() == ChannelException.Kind.REJECTED) {
            return new CliFailure(
                    ExitCode.REJECTED,
                    c.getMessage()
                            + "; not retrying, as the server refuses this agent (it may be"
                            + " disabled or deleted, or its key expired or was replaced)",
                    c);
        }
        return e;
    }

    private void say(String line) {
        invocation.out().println(line);
        invocation.out().flush();
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("[\\r\\n]+", " ");
    }

    private static long seconds(Duration wait) {
        return wait.plusMillis(999).toSeconds();
    }
}
