package dev.sigil.agents.entity;

import static dev.sigil.platform.entity.InstantConverter.stored;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An agent: its identity, its current public key (and the one it replaced, during a rotation's
 * overlap) and, while one is pending, the hash of its registration token.
 */
@Entity
@Table(name = "agent")
@NamedQuery(name = Agent.ALL, query = "SELECT a FROM Agent a ORDER BY a.createdAt, a.id")
@NamedQuery(
        name = Agent.CONSUME_REGISTRATION_TOKEN,
        query =
                "UPDATE Agent a SET a.registrationTokenHash = NULL,"
                        + " a.registrationTokenExpiresAt = NULL"
                        + " WHERE a.id = :id AND a.registrationTokenHash = :hash"
                        + " AND a.registrationTokenExpiresAt > :now")
public class Agent {

    public static final String ALL = "Agent.all";

    /** What {@link #id()} looks like: a lower-case UUID. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    public static final String CONSUME_REGISTRATION_TOKEN = "Agent.consumeRegistrationToken";

    @Id private String id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private String registration;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "registered_at")
    private Instant registeredAt;

    @Column(name = "key_type")
    private String keyType;

    @Column(name = "key_spki")
    private String keySpki;

    @Column(name = "key_fingerprint")
    private String keyFingerprint;

    @Column(name = "key_thumbprint")
    private String keyThumbprint;

    @Column(name = "key_attached_at")
    private Instant keyAttachedAt;

    @Column(name = "key_expires_at")
    private Instant keyExpiresAt;

    @Column(name = "previous_key_type")
    private String previousKeyType;

    @Column(name = "previous_key_spki")
    private String previousKeySpki;

    @Column(name = "previous_key_thumbprint")
    private String previousKeyThumbprint;

    @Column(name = "previous_key_retires_at")
    private Instant previousKeyRetiresAt;

    @Column(name = "token_generation", nullable = false)
    private int tokenGeneration;

    @Column(name = "registration_token_hash")
    private String registrationTokenHash;

    @Column(name = "registration_token_expires_at")
    private Instant registrationTokenExpiresAt;

    /** {@link #keySpki} decoded, once: decoding a key costs more than the rest of a lookup. */
    @Transient private transient volatile AgentPublicKey decodedKey;

    /** {@link #previousKeySpki} decoded, once. */
    @Transient private transient volatile AgentPublicKey decodedPreviousKey;

    protected Agent() {}

    /**
     * A copy that no persistence context manages, for readers that keep agents beyond one
     * transaction (the {@link dev.sigil.agents.control.AgentDirectory}): changing it changes
     * nothing else. Decoded keys are shared; they are immutable.
     */
    public Agent detachedCopy() {
        Agent copy = new Agent();
        copy.id = id;
        copy.name = name;
        copy.status = status;
        copy.registration = registration;
        copy.createdAt = createdAt;
        copy.createdBy = createdBy;
        copy.registeredAt = registeredAt;
        copy.keyType = keyType;
        copy.keySpki = keySpki;
        copy.keyFingerprint = keyFingerprint;
        copy.keyThumbprint = keyThumbprint;
        copy.keyAttachedAt = keyAttachedAt;
        copy.keyExpiresAt = keyExpiresAt;
        copy.previousKeyType = previousKeyType;
        copy.previousKeySpki = previousKeySpki;
        copy.previousKeyThumbprint = previousKeyThumbprint;
        copy.previousKeyRetiresAt = previousKeyRetiresAt;
        copy.tokenGeneration = tokenGeneration;
        copy.registrationTokenHash = registrationTokenHash;
        copy.registrationTokenExpiresAt = registrationTokenExpiresAt;
        copy.decodedKey = decodedKey;
        copy.decodedPreviousKey = decodedPreviousKey;
        return copy;
    }

    private Agent(String name, String registration, Instant now, String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.registration = registration;
        this.createdAt = stored(now);
        this.createdBy = createdBy;
    }

    /** An agent that will register its own key with a registration token. */
    public static Agent awaitingRegistration(String name, Instant now, String createdBy) {
        Agent agent = new Agent(name, "agent", now, createdBy);
        agent.status = AgentStatus.PENDING.wire();
        return agent;
    }

    /** An agent whose public key an admin supplied. */
    public static Agent withSuppliedKey(
            String name, AgentPublicKey key, Instant expiresAt, Instant now, String createdBy) {
        Agent agent = new Agent(name, "public-key", now, createdBy);
        agent.status = AgentStatus.ACTIVE.wire();
        agent.attach(key, expiresAt, now);
        return agent;
    }

    /** A fresh registration token; any earlier one dies. */
    public void issueRegistrationToken(String hash, Instant expiresAt) {
        this.registrationTokenHash = hash;
        this.registrationTokenExpiresAt = stored(expiresAt);
    }

    /**
     * Attaches the key the agent registered (the token was spent by the caller). A re-registration
     * replaces the old key at once: an admin asked for a new key pair, perhaps because the old one
     * leaked.
     */
    public void register(AgentPublicKey key, Instant expiresAt, Instant now) {
        attach(key, expiresAt, now);
        clearPrevious();
        this.registeredAt = stored(now);
        if (status().equals(AgentStatus.PENDING)) {
            this.status = AgentStatus.ACTIVE.wire();
        }
    }

    /** Replaces the key with a new one; the old one is still accepted until {@code overlapEnd}. */
    public void rotate(AgentPublicKey key, Instant expiresAt, Instant now, Instant overlapEnd) {
        this.previousKeyType = keyType;
        this.previousKeySpki = keySpki;
        this.previousKeyThumbprint = keyThumbprint;
        this.previousKeyRetiresAt = stored(overlapEnd);
        this.decodedPreviousKey = decodedKey;
        attach(key, expiresAt, now);
    }

    private void attach(AgentPublicKey key, Instant expiresAt, Instant now) {
        this.keyType = key.type().wireName();
        this.keySpki = Base64.getEncoder().encodeToString(key.spkiDer());
        this.keyFingerprint = key.fingerprint();
        this.keyThumbprint = key.thumbprint();
        this.keyAttachedAt = stored(now);
        this.keyExpiresAt = stored(expiresAt);
        this.decodedKey = key;
    }

    private void clearPrevious() {
        this.previousKeyType = null;
        this.previousKeySpki = null;
        this.previousKeyThumbprint = null;
        this.previousKeyRetiresAt = null;
        this.decodedPreviousKey = null;
    }

    /** Disables the agent; the tokens it holds die now and stay dead if it is enabled again. */
    public void disable() {
        this.status = AgentStatus.DISABLED.wire();
        this.tokenGeneration++;
    }

    /** The generation new access tokens carry; it changes at every disable. */
    public int tokenGeneration() {
        return tokenGeneration;
    }

    /** Enables a disabled agent: active if it has a key, else pending again. */
    public void enable() {
        this.status = (keySpki == null ? AgentStatus.PENDING : AgentStatus.ACTIVE).wire();
    }

    public boolean isActive() {
        return status().equals(AgentStatus.ACTIVE);
    }

    /**
     * Decodes the stored keys now, so that every {@link #detachedCopy()} made from here on shares
     * them instead of decoding its own.
     */
    public void decodeKeys() {
        if (keySpki != null) {
            decodedKey();
        }
        if (previousKeySpki != null) {
            decodedPreviousKey();
        }
    }

    /** The current key, if attached and not expired at {@code now}. */
    public Optional<AgentPublicKey> currentKey(Instant now) {
        if (keySpki == null || (keyExpiresAt != null && !now.isBefore(keyExpiresAt))) {
            return Optional.empty();
        }
        return Optional.of(decodedKey());
    }

    /** The replaced key, while the rotation's overlap lasts. */
    public Optional<AgentPublicKey> previousKey(Instant now) {
        if (previousKeySpki == null || !now.isBefore(previousKeyRetiresAt)) {
            return Optional.empty();
        }
        return Optional.of(decodedPreviousKey());
    }

    private AgentPublicKey decodedKey() {
        AgentPublicKey key = decodedKey;
        if (key == null) {
            key = decode(keyType, keySpki);
            decodedKey = key;
        }
        return key;
    }

    private AgentPublicKey decodedPreviousKey() {
        AgentPublicKey key = decodedPreviousKey;
        if (key == null) {
            key = decode(previousKeyType, previousKeySpki);
            decodedPreviousKey = key;
        }
        return key;
    }

    /** Whether a token bound to the key with this thumbprint may still act for this agent. */
    public boolean acceptsKey(String thumbprint, Instant now) {
        if (thumbprint == null) {
            return false;
        }
        if (thumbprint.equals(keyThumbprint)) {
            return keyExpiresAt == null || now.isBefore(keyExpiresAt);
        }
        return thumbprint.equals(previousKeyThumbprint)
                && previousKeyRetiresAt != null
                && now.isBefore(previousKeyRetiresAt);
    }

    private static AgentPublicKey decode(String type, String spki) {
        KeyType keyType =
                KeyType.fromWireName(type.toLowerCase(Locale.ROOT))
                        .orElseThrow(() -> new IllegalStateException("Unknown key type " + type));
        return AgentPublicKey.fromSpkiDer(keyType, Base64.getDecoder().decode(spki));
    }

    /** Whether this text could be an agent's id: checked before any lookup. */
    public static boolean isWellFormedId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public AgentStatus status() {
        return AgentStatus.valueOf(status.toUpperCase(Locale.ROOT));
    }

    public String registration() {
        return registration;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> registeredAt() {
        return Optional.ofNullable(registeredAt);
    }

    public Optional<String> keyType() {
        return Optional.ofNullable(keyType);
    }

    public Optional<String> keyFingerprint() {
        return Optional.ofNullable(keyFingerprint);
    }

    public Optional<String> keyThumbprint() {
        return Optional.ofNullable(keyThumbprint);
    }

    public Optional<Instant> keyExpiresAt() {
        return Optional.ofNullable(keyExpiresAt);
    }

    public Optional<Instant> previousKeyRetiresAt() {
        return Optional.ofNullable(previousKeyRetiresAt);
    }

    public Optional<Instant> registrationTokenExpiresAt() {
        return Optional.ofNullable(registrationTokenExpiresAt);
    }
}
