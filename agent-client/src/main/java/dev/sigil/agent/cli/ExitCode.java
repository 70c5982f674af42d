package dev.sigil.agent.cli;

import dev.sigil.agent.channel.ChannelException;
import dev.sigil.agent.config.ConfigException;
import dev.sigil.agent.keys.KeyFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.ParameterException;

/** The process exit codes of {@code sigil-agent}: stable, as scripts and systemd read them. */
public enum ExitCode {
    /** Done. */
    OK(0),
    /** A bug: an exception nobody expected. */
    INTERNAL(1),
    /** The command line is wrong: unknown option, missing value, bad duration. */
    USAGE(2),
    /** A setting is missing or wrong, or the key file is missing, unreadable as a key or exists. */
    CONFIG(3),
    /** The server could not be reached: refused, unknown host, TLS failure, timeout. */
    NETWORK(4),
    /** The server refused the request (HTTP 4xx): wrong token, unknown agent, bad key. */
    REJECTED(5),
    /** The server failed (HTTP 5xx) or answered outside the contract. */
    SERVER(6),
    /** A local file could not be read or written. */
    IO(7),
    /** The server asked to slow down (HTTP 429). */
    RATE_LIMITED(8);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code for a failure. */
    public static ExitCode of(Throwable failure) {
        if (failure instanceof CliFailure f) {
            return f.exitCode();
        }
        if (failure instanceof ParameterException) {
            return USAGE;
        }
        if (failure instanceof ConfigException) {
            return CONFIG;
        }
        if (failure instanceof KeyFileException k) {
            return k.kind() == KeyFileException.Kind.IO ? IO : CONFIG;
        }
        if (failure instanceof ChannelException c) {
            return switch (c.kind()) {
                case UNREACHABLE -> NETWORK;
                case REJECTED -> REJECTED;
                case RATE_LIMITED -> RATE_LIMITED;
                case FAILED -> SERVER;
                case MISDIRECTED -> CONFIG;
            };
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            return IO;
        }
        return INTERNAL;
    }
}
