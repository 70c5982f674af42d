package dev.sigil.bench;

import dev.sigil.tokens.control.AccessTokenMinter;
import dev.sigil.tokens.control.ClientAssertionVerifier;
import dev.sigil.tokens.entity.SigningKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bare cost of the token endpoint's crypto, one thread: verifying one agent's client assertion
 * (EdDSA, as the agent CLI sends it) and minting one access token, with Sigil's own classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenCryptoBenchmark {

    static final String AGENT = UUID.randomUUID().toString();
    static final String AUDIENCE = "http://sigil.test/api/v1/agents/tokens";

    ClientAssertionVerifier verifier;
    AccessTokenMinter minter;
    KeyPair agentKeys;
    String assertion;
    SigningKey eddsa;
    SigningKey rs256;

    @Setup
    public void setUp() throws Exception {
        verifier = new ClientAssertionVerifier();
        minter = new AccessTokenMinter();
        agentKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Instant now = Instant.now();
        eddsa = SigningKey.generate(SigningKey.Algorithm.EDDSA, now, Duration.ofDays(1));
        rs256 = SigningKey.generate(SigningKey.Algorithm.RS256, now, Duration.ofDays(1));
        assertion = ClientAssertions.assertion(AGENT, agentKeys, AUDIENCE);
    }

    @Benchmark
    public Object verifyAssertion() {
        return verifier.verify(
                assertion, AGENT, agentKeys.getPublic(), List.of(AUDIENCE), Instant.now());
    }

    @Benchmark
    public String mintEdDsa() {
        return minter.mint(
                eddsa,
                "http://sigil.test",
                AGENT,
                "http://sigil.test",
                Instant.now(),
                Duration.ofMinutes(5),
                Map.of("sigil_key", "x"));
    }

    @Benchmark
    public String mintRs256() {
        return minter.mint(
                rs256,
                "http://sigil.test",
                AGENT,
                "http://sigil.test",
                Instant.now(),
                Duration.ofMinutes(5),
                Map.of("sigil_key", "x"));
    }

    /** The crypto bound of one token: verify the assertion, then mint (EdDSA, the default). */
    @Benchmark
    public String verifyAndMintEdDsa() {
        verifier.verify(assertion, AGENT, agentKeys.getPublic(), List.of(AUDIENCE), Instant.now());
        return mintEdDsa();
    }
}
