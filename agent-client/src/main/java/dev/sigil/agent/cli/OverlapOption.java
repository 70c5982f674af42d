package dev.sigil.agent.cli;

import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --overlap} option of the commands that rotate the key. */
final class OverlapOption {

    @Option(
            names = "--overlap",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How long the previous key should stay valid, e.g. 24h, 7d or PT12H. Sent to"
                            + " the server as 'overlap'; the server decides and reports when the"
                            + " previous key retires. Default: the server's.")
    Duration overlap;

    Optional<Duration> value() {
        return Optional.ofNullable(overlap);
    }
}
