package dev.sigil.tokens.boundary;

import dev.sigil.audit.boundary.AuditLog;
import dev.sigil.audit.entity.Actor;
import dev.sigil.audit.entity.AuditEntry;
import dev.sigil.platform.control.DataDirectory;
import dev.sigil.platform.control.Secrets;
import dev.sigil.tokens.control.JwksDocument;
import dev.sigil.tokens.control.PrivateKeySeal;
import dev.sigil.tokens.entity.SigningKey;
import dev.sigil.tokens.entity.StoredSigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sigil's token-signing keys: generated at first start, kept in the database with the private part
 * sealed, rotated on a schedule with overlap, reloaded so that every node knows the keys that any
 * node made. Reads come from an immutable snapshot and take no lock, and no transaction: the token
 * endpoint calls them on every request.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SigningKeys {

    private static final Logger LOG = System.getLogger(SigningKeys.class.getName());
    static final String SEAL_FILE = "token-seal.key";
    static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);

    @PersistenceContext EntityManager em;

    @EJB AuditLog audit;

    @Inject DataDirectory dataDirectory;

    @Inject JwksDocument jwksDocument;

    @Inject
    @ConfigProperty(name = PrivateKeySeal.CONFIG_KEY)
    Optional<String> configuredSealKey;

    @Inject
    @ConfigProperty(name = "tokens.access.algorithm", defaultValue = "EdDSA")
    String accessAlgorithm;

    @Inject
    @ConfigProperty(name = "tokens.access.ttl", defaultValue = "PT5M")
    Duration accessTtl;

    @Inject
    @ConfigProperty(name = "tokens.signing-key.lifetime", defaultValue = "P30D")
    Duration lifetime;

    Clock clock = Clock.systemUTC();

    private PrivateKeySeal seal;
    private volatile Snapshot snapshot =
            new Snapshot(List.of(), Map.of(), "{\"keys\":[]}", Instant.EPOCH);

    private record Snapshot(
            List<SigningKey> keys, Map<String, SigningKey> byKid, String jwks, Instant loadedAt) {}

    @PostConstruct
    void start() {
        seal = sealKey();
        SigningKey.Algorithm.ofJwsName(accessAlgorithm);
        rotate();
    }

    private PrivateKeySeal sealKey() {
        Optional<String> configured = configuredSealKey.filter(k -> !k.isBlank());
        if (configured.isPresent()) {
            return PrivateKeySeal.fromConfiguredKey(configured.get());
        }
        Path file = dataDirectory.path().resolve(SEAL_FILE);
        try {
            if (!Files.exists(file)) {
                dataDirectory.createOwnerOnly(SEAL_FILE, Secrets.random(""));
            }
            LOG.log(
                    Level.WARNING,
                    "tokens.seal.key (TOKENS_SEAL_KEY) is not set: signing keys are sealed with the"
                            + " key in {0}. Set TOKENS_SEAL_KEY (32 random bytes, base64) on every"
                            + " node of a cluster.",
                    file);
            return PrivateKeySeal.fromConfiguredKey(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    /**
     * Makes sure every algorithm has a key that stays active for longer than the overlap, and
     * reloads. Runs at start and every ten minutes on every node.
     */
    @Schedule(minute = "*/10", hour = "*", persistent = false)
    public void rotate() {
        Instant now = Instant.now(clock);
        List<SigningKey> current = load(now);
        Duration overlap = overlap();
        for (SigningKey.Algorithm algorithm : SigningKey.Algorithm.values()) {
            boolean fresh =
                    current.stream()
                            .anyMatch(
                                    k ->
                                            k.algorithm() == algorithm
                                                    && k.activeAt(now)
                                                    && k.retires().isAfter(now.plus(overlap)));
            if (!fresh) {
                SigningKey key = SigningKey.generate(algorithm, now, lifetime);
                em.persist(new StoredSigningKey(key, seal.seal(key.privateKeyPkcs8())));
                audit.record(
                        AuditEntry.allowed(
                                Actor.SYSTEM,
                                "token:signing-key",
                                "signing-key:" + key.kid(),
                                algorithm.jwsName() + " key created, retires " + key.retires()));
                LOG.log(Level.INFO, "New {0} signing key {1}", algorithm.jwsName(), key.kid());
            }
        }
        em.flush();
        publish(load(now), now);
    }

    /** Reloads what other nodes made; every minute. */
    @Schedule(minute = "*", hour = "*", persistent = false)
    public void reload() {
        Instant now = Instant.now(clock);
        publish(load(now), now);
    }

    private List<SigningKey> load(Instant now) {
        return em
                .createNamedQuery(StoredSigningKey.UNRETIRED, StoredSigningKey.class)
                .setParameter("since", now.minus(accessTtl))
                .getResultList()
                .stream()
                .map(stored -> stored.restore(seal.open(stored.sealedPrivate())))
                .toList();
    }

    private void publish(List<SigningKey> keys, Instant now) {
        snapshot =
                new Snapshot(
                        keys,
                        keys.stream()
                                .collect(Collectors.toMap(SigningKey::kid, k -> k, (a, b) -> a)),
                        jwksDocument.json(keys),
                        now);
    }

    /** A key stays published and verifiable for one access-token lifetime after it retires. */
    private Duration overlap() {
        return accessTtl.multipliedBy(2).plusMinutes(10);
    }

    /** The key new access tokens are signed with: the newest active key of the configured alg. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public SigningKey current() {
        Instant now = Instant.now(clock);
        SigningKey.Algorithm algorithm = SigningKey.Algorithm.ofJwsName(accessAlgorithm);
        return snapshot.keys().stream()
                .filter(k -> k.algorithm() == algorithm && k.activeAt(now))
                .max(Comparator.comparing(SigningKey::activated))
                .orElseThrow(
                        () -> new IllegalStateException("No active " + accessAlgorithm + " key"));
    }

    /**
     * A key by id, reloading from the database (at most every few seconds) when another node may
     * have made it.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<SigningKey> find(String kid) {
        Optional<SigningKey> known = Optional.ofNullable(snapshot.byKid().get(kid));
        if (known.isEmpty()
                && snapshot.loadedAt().plus(MIN_RELOAD_INTERVAL).isBefore(Instant.now(clock))) {
            reload();
            known = Optional.ofNullable(snapshot.byKid().get(kid));
        }
        return known;
    }

    /** {@link #find(String)} as a function, for callers that keep it instead of calling here. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Function<String, Optional<SigningKey>> lookup() {
        return this::find;
    }

    /** {@link #current()} as a supplier, for callers that keep it instead of calling here. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Supplier<SigningKey> currentKey() {
        return this::current;
    }

    /** The public JWKS document. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String jwks() {
        return snapshot.jwks();
    }
}
