/**
 * Tokens: how an agent proves who it is and what it gets for that. An agent authenticates to the
 * OAuth 2.0 token endpoint (client credentials) with {@code private_key_jwt} (RFC 7523): a JWT it
 * signs with its own private key. Sigil verifies it against the agent's registered public key and
 * mints a short-lived access token, a JWT signed with Sigil's own signing key and verifiable by any
 * resource server through the published JWKS.
 *
 * <p>Operations: verify a client assertion ({@code ClientAssertionVerifier}); mint an access token
 * ({@code AccessTokenMinter}); generate, seal, restore and retire signing keys ({@code SigningKey},
 * {@code PrivateKeySeal}); publish the JWKS ({@code JwksDocument}).
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>R6.1 A client assertion is a JWS whose {@code alg} fits the agent's registered key: {@code
 *       EdDSA} for Ed25519, {@code RS256} for RSA of at least 2048 bits. {@code none}, every HMAC
 *       algorithm, a JWE and every other {@code alg} are refused before any signature check, so a
 *       public key can never be used as an HMAC secret.
 *   <li>R6.2 Its signature verifies with the agent's key before any claim is read; {@code iss} and
 *       {@code sub} both equal the agent's id; {@code aud} contains the token endpoint URL or the
 *       issuer URL.
 *   <li>R6.3 {@code exp} and {@code jti} are required ({@code iat} is optional, as in RFC 7523, so
 *       stock clients work). {@code exp} has not passed and lies at most 5 minutes ahead; {@code
 *       iat} and {@code nbf}, when present, do not lie in the future; each with 30 seconds of clock
 *       skew. {@code jti} is non-blank and at most 200 characters. Assertions longer than 8192
 *       characters are refused unparsed.
 *   <li>R6.4 A {@code jti} is accepted once per agent until its {@code exp} has passed (enforced by
 *       the token endpoint's replay table, fed with the verified {@code jti} and {@code exp}).
 *   <li>R6.5 Every refusal gives the client the same {@code invalid_client} answer; which check
 *       failed is written only to the audit log, as a stable reason name.
 *   <li>R6.6 An access token has header {@code alg}, {@code kid} and {@code typ: JWT}, and claims
 *       {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat}, {@code jti} (random UUID),
 *       {@code upn} (= {@code sub}) and {@code groups: ["agent"]}; extra claims cannot replace
 *       these.
 *   <li>R6.7 Access tokens are signed with EdDSA unless {@code tokens.access.algorithm=RS256}.
 *       Sigil keeps a current key of each algorithm, EdDSA and RS256, and publishes both in the
 *       JWKS.
 *   <li>R6.8 A signing key signs only from its activation until it retires, and stays in the JWKS
 *       until the longest access-token lifetime after it retired.
 *   <li>R6.9 A signing key's {@code kid} is its RFC 7638 SHA-256 thumbprint; a stored key whose
 *       private key does not match its {@code kid} is refused when it is loaded.
 *   <li>R6.10 Private signing keys are stored only sealed with {@code tokens.seal.key}; a wrong
 *       seal key or an altered record fails with a message that names the problem and no material.
 *       A seal key that is missing or not 32 bytes of base64 stops the start.
 *   <li>R6.11 The JWKS never contains a private member.
 *   <li>R6.12 No key, token or assertion is ever logged or put into an exception message.
 *   <li>R6.13 The replay table's primary key makes R6.4 hold across nodes.
 *   <li>R6.14 Token requests are limited per client address and per agent; refused requests count,
 *       and a limiter that fails refuses.
 *   <li>R6.15 A bearer token works only while its agent is active, still holds the key named by
 *       {@code sigil_key}, and is in the token generation named by {@code sigil_gen}.
 *   <li>R6.16 An access token is returned only after the replay record of its assertion and its
 *       {@code token:issued} audit event have committed together; when that fails the request is
 *       refused ({@code invalid_client}) and audited as a denial.
 * </ul>
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>Access tokens are EdDSA (Ed25519) by default, with RS256 selectable by configuration. On
 *       our 2-core machines (JDK 17, one thread): EdDSA with BouncyCastle mints about 16k tokens
 *       per CPU-second and verifies 8.9k; RS256 mints about 670 and verifies 17.7k; ES256 mints
 *       1.2k and verifies only 0.69k. The token endpoint's goal of 1,500 tokens per core-second is
 *       out of reach with RS256 or ES256 minting on JDK 17. MicroProfile JWT 2.1 names only RS256
 *       and ES256, so resource servers that speak nothing else get RS256 tokens by configuration,
 *       at the cost of minting throughput. Both keys are published in the JWKS, so switching needs
 *       no change on resource servers that already read it.
 *   <li>Ed25519 through BouncyCastle's {@code Ed25519Signer}, wrapped in small Nimbus signer and
 *       verifier classes: the JDK 17 implementation signs about 20 times slower (1.2k against 23.5k
 *       per second), and Nimbus's own Ed25519 classes need Google Tink on the server. All other
 *       JOSE work (parsing, claims, RS256, JWK, JWKS, JWE) is Nimbus JOSE+JWT's.
 *   <li>Assertion algorithm names: exactly {@code EdDSA} and {@code RS256}. The fully specified
 *       {@code Ed25519} name (RFC 9864) is not accepted yet; adding it is one line in the verifier.
 *   <li>Checks run shape, algorithm, signature, then claims: nothing unauthenticated is interpreted
 *       beyond the {@code sub} used to look the agent up. The exception carries no cause and no
 *       stack trace: parser messages may quote the input, and garbage costs the sender nothing.
 *   <li>Private keys are sealed as a compact JWE ({@code dir}, {@code A256GCM}): a standard,
 *       self-describing format that Nimbus already implements, authenticated so that an altered
 *       record fails instead of yielding a wrong key. Its {@code kid} is a short hash of the seal
 *       key, so "sealed with another key" is told apart from "altered".
 *   <li>The minter caches a signer and a pre-encoded header per {@code kid}: the key id is a
 *       thumbprint, so one id is always the same key, and the fast path does no key parsing and no
 *       header encoding.
 *   <li>Group commits for what a token leaves behind ({@code IssueJournal}): concurrent token
 *       requests hand their replay record and audit event to whichever of them is writing, which
 *       commits them all in one local JDBC transaction (one batch of replay inserts that skip known
 *       ids, one lock of the audit head, one batch of events). Plain JDBC, not the entity manager:
 *       with a JTA transaction, two entity reads, three writes and the commit per token, the
 *       persistence work was about a third of the server's CPU per token on H2. A batch that fails
 *       is written again record by record, so a replay race between nodes refuses one request and
 *       admits the {@code jti} at most once. The endpoint itself runs without a transaction.
 *   <li>The replay insert skips a known id instead of failing: {@code ON CONFLICT DO NOTHING} on
 *       PostgreSQL (which also settles a race between nodes by waiting for the first insert), the
 *       SQL-standard {@code MERGE} elsewhere (H2, where a racing insert fails on the primary key
 *       and the record-by-record retry refuses it).
 *   <li>A replay id is 64 bits of SHA-256 over agent id and {@code jti}, stored as the {@code
 *       BIGINT} key of {@code used_assertion}, with no index on its expiry (V005): on H2 such a key
 *       is the table's own row key, so an insert writes one tree, and the minute's purge scans the
 *       table once. Against the earlier 64-character hex key with an expiry index this cut an id's
 *       insert and purge from 183 to 45 µs of CPU at about a million live ids ({@code
 *       bench/ReplayStoreCost}). An id shared by two assertions refuses the later one; it never
 *       admits one.
 *   <li>The bearer check ({@code BearerTokens}) is a CDI bean, not an EJB: it needs no transaction,
 *       and on the way to a yes it reads only memory (tokens this node verified, the signing-key
 *       snapshot, the agent cache). Measured on {@code GET /api/v1/agents/me}, the EJB call around
 *       it cost 9 % of the request and the call to fetch the signing-key lookup another 5 %; the
 *       lookup is now fetched once. Denials are still audited through the audit EJB, in
 *       transactions of their own.
 *   <li>A request without credentials gets {@code WWW-Authenticate: Bearer realm="sigil"}, one with
 *       a bad token also {@code error="invalid_token"} (RFC 6750 section 3.1).
 * </ul>
 *
 * <p>May use: platform, audit, agents.
 */
package dev.sigil.tokens;
