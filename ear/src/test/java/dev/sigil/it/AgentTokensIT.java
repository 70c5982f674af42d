package dev.sigil.it;

import static dev.sigil.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import dev.sigil.tokens.control.BouncyCastleEd25519Signer;
import dev.sigil.tokens.control.BouncyCastleEd25519Verifier;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token endpoint (client credentials with {@code private_key_jwt}), the access tokens it
 * issues, the JWKS and metadata that verify them, and {@code GET /api/v1/agents/me} that accepts
 * them. Agent keys are made at test time by {@code ssh-keygen} and {@code openssl}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgentTokensIT {

    static final Path DATA = SigilDeployment.newDataDirectory("agent-tokens");
    static final String ISSUER = "http://sigil.test";
    static final String TOKEN_ENDPOINT = ISSUER + "/api/v1/agents/tokens";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /**
     * {@code agents.key.ttl}: the lifetime of a key registered via agent. Keys supplied by an admin
     * take {@code keyTtlDays} (at least one day), so a key that expires within a test can only be
     * made by registration; every supplied key here names its {@code keyTtlDays}.
     */
    static final Duration REGISTERED_KEY_TTL = Duration.ofSeconds(8);

    static String adminKey;
    static String viewerKey;

    @TempDir static Path keyDirectory;

    static RealKey sshEd25519;
    static RealKey sshRsa;
    static RealKey opensslEd25519;
    static RealKey opensslRsa;

    @ArquillianResource URL url;

    Api api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SigilDeployment.war(
                DATA,
                Map.of(
                        "sigil.public-url",
                        ISSUER,
                        "tokens.rate-per-minute.client",
                        "100000",
                        "tokens.rate-per-minute.agent",
                        "100000",
                        "agents.key.ttl",
                        REGISTERED_KEY_TTL.toString()));
    }

    /** A key pair as the tools wrote it: the public text to supply, a signer, its RFC 7638 id. */
    record RealKey(
            String tool,
            String publicKey,
            JWSAlgorithm alg,
            JWSSigner signer,
            RSAPrivateKey rsaPrivateKey,
            String thumbprint) {}

    @BeforeAll
    static void makeKeys() throws Exception {
        Path ssh = Files.createDirectories(keyDirectory.resolve("ssh"));
        run(ssh, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "sigil-it", "-f", "ed25519");
        sshEd25519 = load("ssh-keygen ed25519", ssh.resolve("ed25519"), ssh.resolve("ed25519.pub"));
        run(
                ssh,
                "ssh-keygen",
                "-q",
                "-t",
                "rsa",
                "-b",
                "3072",
                "-N",
                "",
                "-m",
                "PEM",
                "-C",
                "sigil-it",
                "-f",
                "rsa");
        sshRsa = load("ssh-keygen rsa", ssh.resolve("rsa"), ssh.resolve("rsa.pub"));

        Path openssl = Files.createDirectories(keyDirectory.resolve("openssl"));
        run(openssl, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "ed25519.pem");
        run(openssl, "openssl", "pkey", "-in", "ed25519.pem", "-pubout", "-out", "ed25519.pub");
        opensslEd25519 =
                load(
                        "openssl ed25519",
                        openssl.resolve("ed25519.pem"),
                        openssl.resolve("ed25519.pub"));
        run(
                openssl,
                "openssl",
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-out",
                "rsa.pem");
        run(openssl, "openssl", "pkey", "-in", "rsa.pem", "-pubout", "-out", "rsa.pub");
        opensslRsa = load("openssl rsa", openssl.resolve("rsa.pem"), openssl.resolve("rsa.pub"));
    }

    /** Runs a key tool; a missing tool or a failure fails the class with the tool's output. */
    static void run(Path directory, String... command) throws InterruptedException, IOException {
        Path log = directory.resolve("tool.log");
        Process process;
        try {
            process =
                    new ProcessBuilder(command)
                            .directory(directory.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
        } catch (IOException e) {
            throw new AssertionError(
                    command[0] + " is needed to make the test keys and could not be run", e);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 120 s");
        }
        assertEquals(
                0, process.exitValue(), () -> String.join(" ", command) + " failed: " + read(log));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * Reads a private key as the tool wrote it: OpenSSH's own format (ssh-keygen Ed25519), PKCS#1
     * ({@code -m PEM}) or PKCS#8 (openssl), and the public key text to supply next to it.
     */
    static RealKey load(String tool, Path privateKeyFile, Path publicKeyFile)
            throws IOException, GeneralSecurityException, JOSEException {
        String pem = Files.readString(privateKeyFile);
        AsymmetricKeyParameter key;
        if (pem.contains("-----BEGIN OPENSSH PRIVATE KEY-----")) {
            try (PemReader reader = new PemReader(new StringReader(pem))) {
                key =
                        OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(
                                reader.readPemObject().getContent());
            }
        } else {
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                Object read = parser.readObject();
                PrivateKeyInfo info =
                        read instanceof PEMKeyPair pair
                                ? pair.getPrivateKeyInfo()
                                : (PrivateKeyInfo) read;
                key = PrivateKeyFactory.createKey(info);
            }
        }
        String publicKey = Files.readString(publicKeyFile).strip();
        if (key instanceof Ed25519PrivateKeyParameters ed25519) {
            String thumbprint =
                    new OctetKeyPair.Builder(
                                    Curve.Ed25519,
                                    Base64URL.encode(ed25519.generatePublicKey().getEncoded()))
                            .build()
                            .computeThumbprint()
                            .toString();
            return new RealKey(
                    tool,
                    publicKey,
                    JWSAlgorithm.EdDSA,
                    new BouncyCastleEd25519Signer(ed25519),
                    null,
                    thumbprint);
        }
        RSAPrivateCrtKeyParameters rsa = (RSAPrivateCrtKeyParameters) key;
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateKey privateKey =
                (RSAPrivateKey)
                        factory.generatePrivate(
                                new RSAPrivateCrtKeySpec(
                                        rsa.getModulus(),
                                        rsa.getPublicExponent(),
                                        rsa.getExponent(),
                                        rsa.getP(),
                                        rsa.getQ(),
                                        rsa.getDP(),
                                        rsa.getDQ(),
                                        rsa.getQInv()));
        RSAPublicKey publicRsa =
                (RSAPublicKey)
                        factory.generatePublic(
                                new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new RealKey(
                tool,
                publicKey,
                JWSAlgorithm.RS256,
                new RSASSASigner(privateKey),
                privateKey,
                new RSAKey.Builder(publicRsa).build().computeThumbprint().toString());
    }

    @BeforeEach
    void admin() {
        api = new Api(url);
        synchronized (AgentTokensIT.class) {
            if (adminKey == null) {
                adminKey = api.setup(DATA);
                viewerKey = api.createKey(adminKey, "token-auditor", "viewer", null);
            }
        }
    }

    // ---- helpers: agents, assertions, the token endpoint, /me ----

    /** Adds an agent with a supplied key (one day) and returns the created record. */
    JsonObject createAgent(RealKey key) {
        JsonObjectBuilder body =
                Json.createObjectBuilder()
                        .add(
                                "name",
                                key.tool() + "-" + UUID.randomUUID().toString().substring(0, 8))
                        .add("registration", "public-key")
                        .add("publicKey", key.publicKey())
                        .add("keyTtlDays", 1);
        HttpResponse<String> created = api.post("api/v1/agents", adminKey, body.build().toString());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject agent = Api.json(created);
        assertEquals("active", agent.getString("status"));
        return agent;
    }

    String agentWith(RealKey key) {
        return createAgent(key).getString("agentId");
    }

    static JWTClaimsSet.Builder claims(String agentId, String audience, Instant iat, Instant exp) {
        return new JWTClaimsSet.Builder()
                .issuer(agentId)
                .subject(agentId)
                .audience(audience)
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .jwtID(UUID.randomUUID().toString());
    }

    static String sign(RealKey key, JWTClaimsSet claims) {
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(key.alg()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A good assertion: aud the token endpoint, valid for a minute, a fresh jti. */
    static String assertion(RealKey key, String agentId) {
        Instant now = Instant.now();
        return sign(key, claims(agentId, TOKEN_ENDPOINT, now, now.plusSeconds(60)).build());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpResponse<String> tokenForm(String form) {
        return api.send(
                api.request("api/v1/agents/tokens", null)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> token(String assertion) {
        return tokenForm(
                "grant_type=client_credentials&client_assertion_type="
                        + encode(ASSERTION_TYPE)
                        + "&client_assertion="
                        + encode(assertion));
    }

    /** Asserts a 200 token response and returns the access token. */
    static String accessToken(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        JsonObject body = Api.json(response);
        assertEquals("Bearer", body.getString("token_type"));
        int expiresIn = body.getInt("expires_in");
        assertTrue(expiresIn > 0 && expiresIn <= 300, "expires_in " + expiresIn);
        return body.getString("access_token");
    }

    HttpResponse<String> me(String authorization) {
        HttpRequest.Builder request = api.request("api/v1/agents/me", null).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.send(request);
    }

    static void assertBearerChallenge(HttpResponse<String> response) {
        assertProblem(response, 401, "not-authenticated");
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer realm=\"sigil\""), "challenge " + challenge);
    }

    /** Asserts an RFC 6749 section 5.2 error: JSON with error and error_description, no-store. */
    static JsonObject assertOAuthError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(
                response.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/json"),
                () -> "content type of " + response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        JsonObject body = Api.json(response);
        assertEquals(error, body.getString("error"), response.body());
        assertFalse(body.getString("error_description").isBlank());
        assertFalse(response.body().contains("Exception"), response.body());
        return body;
    }

    /**
     * Asserts 401 {@code invalid_client}, and that the answer is the one a plainly malformed
     * assertion gets: the response never says which check failed.
     */
    void assertInvalidClient(HttpResponse<String> response) {
        JsonObject error = assertOAuthError(response, 401, "invalid_client");
        JsonObject malformed = assertOAuthError(token("not.a.jwt"), 401, "invalid_client");
        assertEquals(
                malformed.getString("error_description"),
                error.getString("error_description"),
                "one answer for every bad assertion");
    }

    /**
     * Asserts that a {@code token:denied} event with this reason was recorded (for the agent, if
     * not null) and that none of the given secrets appear in the audit log.
     */
    void assertDenialAudited(String agentId, String reason, String... secrets) {
        HttpResponse<String> audit =
                api.get(
                        "api/v1/audit?action=token:denied&limit=100"
                                + (agentId == null ? "" : "&agentId=" + agentId),
                        viewerKey);
        assertEquals(200, audit.statusCode(), audit.body());
        List<String> details =
                Api.json(audit).getJsonArray("events").getValuesAs(JsonObject.class).stream()
                        .map(e -> e.getString("detail"))
                        .toList();
        assertTrue(
                details.stream().anyMatch(d -> d.startsWith(reason + " client=")),
                () -> "\"" + reason + "\" in " + details);
        for (String secret : secrets) {
            assertFalse(audit.body().contains(secret), "no token or assertion in the audit log");
            String signature = secret.substring(secret.lastIndexOf('.') + 1);
            if (signature.length() > 16) {
                assertFalse(audit.body().contains(signature), "no signature in the audit log");
            }
        }
    }

    /** The published JWKS, parsed; no key in it may carry private parts. */
    JWKSet jwks() throws Exception {
        HttpResponse<String> response = api.get(".well-known/jwks.json", null);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(
                response.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/jwk-set+json"));
        JWKSet set = JWKSet.parse(response.body());
        for (JWK jwk : set.getKeys()) {
            assertFalse(jwk.isPrivate(), "a private key in the JWKS: " + jwk.getKeyID());
        }
        return set;
    }

    /**
     * Verifies an access token against the JWKS by hand: the key named by {@code kid}, the
     * signature (EdDSA with BouncyCastle, since Nimbus's Ed25519 verifier needs Google Tink), and
     * the claims.
     */
    JWTClaimsSet verifyAccessToken(String token, String agentId, String keyThumbprint)
            throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.EdDSA, jwt.getHeader().getAlgorithm(), "EdDSA by default");
        JWK jwk = jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(jwk, "the token's kid is in the JWKS");
        JWSVerifier verifier =
                jwk instanceof OctetKeyPair okp
                        ? new BouncyCastleEd25519Verifier(okp)
                        : new RSASSAVerifier(jwk.toRSAKey());
        assertTrue(jwt.verify(verifier), "the signature verifies against the JWKS");

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Instant now = Instant.now();
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(List.of(ISSUER), claims.getAudience());
        assertEquals(agentId, claims.getSubject());
        Instant exp = claims.getExpirationTime().toInstant();
        assertTrue(exp.isAfter(now) && !exp.isAfter(now.plus(Duration.ofMinutes(5))), "exp " + exp);
        assertFalse(claims.getIssueTime().toInstant().isAfter(now.plusSeconds(5)), "iat");
        assertFalse(claims.getJWTID().isBlank());
        assertEquals(keyThumbprint, claims.getStringClaim("sigil_key"));
        return claims;
    }

    /** Supply, assert, get a token, verify it, use it, and find it audited without its text. */
    void assertKeyGetsAWorkingToken(RealKey key) throws Exception {
        JsonObject agent = createAgent(key);
        String id = agent.getString("agentId");
        assertEquals(key.thumbprint(), agent.getString("keyThumbprint"), "RFC 7638 thumbprint");

        String assertion = assertion(key, id);
        String token = accessToken(token(assertion));
        verifyAccessToken(token, id, key.thumbprint());

        HttpResponse<String> me = me("Bearer " + token);
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(id, Api.json(me).getString("agentId"));
        assertEquals("active", Api.json(me).getString("status"));

        HttpResponse<String> audit =
                api.get("api/v1/audit?action=token:issued&agentId=" + id, viewerKey);
        assertTrue(audit.body().contains("key=" + key.thumbprint()), audit.body());
        assertTrue(audit.body().contains("alg=" + key.alg().getName()), audit.body());
        assertFalse(audit.body().contains(token) || audit.body().contains(assertion));
    }

    // ---- 1. real keys from the real tools ----

    @Test
    void anSshKeygenEd25519KeyGetsAWorkingToken() throws Exception {
        assertKeyGetsAWorkingToken(sshEd25519);
    }

    @Test
    void anSshKeygenRsaKeyGetsAWorkingToken() throws Exception {
        assertKeyGetsAWorkingToken(sshRsa);
    }

    @Test
    void anOpensslEd25519KeyGetsAWorkingToken() throws Exception {
        assertKeyGetsAWorkingToken(opensslEd25519);
    }

    @Test
    void anOpensslRsaKeyGetsAWorkingToken() throws Exception {
        assertKeyGetsAWorkingToken(opensslRsa);
    }

    // ---- 2. a stock OAuth client ----

    @Test
    void aStockOAuthClientGetsATokenAndAStockProcessorVerifiesIt() throws Exception {
        String id = agentWith(sshRsa);

        // Nimbus's defaults as any client gets them: iss = sub = client_id, aud as given, exp a
        // minute ahead, a random jti, and no iat (RFC 7523 section 3 makes iat optional). The
        // assertion's aud is the configured endpoint; the request goes where the server is.
        PrivateKeyJWT clientAuthentication =
                new PrivateKeyJWT(
                        new ClientID(id),
                        URI.create(TOKEN_ENDPOINT),
                        JWSAlgorithm.RS256,
                        (PrivateKey) sshRsa.rsaPrivateKey(),
                        null,
                        null);
        HTTPRequest request =
                new TokenRequest.Builder(
                                api.uri("api/v1/agents/tokens"),
                                clientAuthentication,
                                new ClientCredentialsGrant())
                        .build()
                        .toHTTPRequest();
        request.setConnectTimeout(10_000);
        request.setReadTimeout(60_000);
        HTTPResponse httpResponse = request.send();
        TokenResponse response = TokenResponse.parse(httpResponse);
        assertTrue(
                response.indicatesSuccess(),
                () ->
                        httpResponse.getBody()
                                + "; the assertion: "
                                + clientAuthentication.getClientAssertion().getPayload()
                                + "; audited: "
                                + api.get(
                                                "api/v1/audit?action=token:denied&agentId=" + id,
                                                viewerKey)
                                        .body());
        AccessToken accessToken = response.toSuccessResponse().getTokens().getAccessToken();
        assertEquals(AccessTokenType.BEARER, accessToken.getType());
        assertTrue(accessToken.getLifetime() > 0 && accessToken.getLifetime() <= 300);

        JWKSource<SecurityContext> jwkSource = new ImmutableJWKSet<>(jwks());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new Ed25519OrRsaKeySelector(jwkSource));
        processor.setJWSVerifierFactory(new BouncyCastleEd25519VerifierFactory());
        processor.setJWTClaimsSetVerifier(
                new DefaultJWTClaimsVerifier<>(
                        ISSUER,
                        new JWTClaimsSet.Builder().issuer(ISSUER).subject(id).build(),
                        Set.of("exp", "iat", "jti", "sigil_key")));
        JWTClaimsSet claims = processor.process(accessToken.getValue(), null);
        assertEquals(sshRsa.thumbprint(), claims.getStringClaim("sigil_key"));

        assertEquals(200, me(accessToken.toAuthorizationHeader()).statusCode());
    }

    /**
     * Nimbus maps a JWK to a {@code java.security.Key} before it asks the verifier factory for a
     * verifier, but an Ed25519 ({@code OKP}) JWK converts only with Google Tink ({@code
     * OctetKeyPair.toPublicKey()} is unsupported without it, so {@link JWSVerificationKeySelector}
     * finds no EdDSA key), and Nimbus's own {@code Ed25519Verifier} needs Tink too. Sigil does not
     * ship Tink: this selector turns the JWK's {@code x} into an X.509 key, and {@link
     * BouncyCastleEd25519VerifierFactory} verifies it with BouncyCastle. RS256 is stock Nimbus.
     */
    static final class Ed25519OrRsaKeySelector implements JWSKeySelector<SecurityContext> {

        private final JWKSource<SecurityContext> source;
        private final JWSKeySelector<SecurityContext> rsa;

        Ed25519OrRsaKeySelector(JWKSource<SecurityContext> source) {
            this.source = source;
            this.rsa = new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source);
        }

        @Override
        public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context)
                throws KeySourceException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                return rsa.selectJWSKeys(header, context);
            }
            List<Key> keys = new ArrayList<>();
            for (JWK jwk : source.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), context)) {
                if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                    keys.add(ed25519PublicKey(okp.getDecodedX()));
                }
            }
            return keys;
        }

        static PublicKey ed25519PublicKey(byte[] x) throws KeySourceException {
            try {
                byte[] spki =
                        new SubjectPublicKeyInfo(
                                        new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                                        x)
                                .getEncoded();
                return KeyFactory.getInstance("Ed25519")
                        .generatePublic(new X509EncodedKeySpec(spki));
            } catch (IOException | GeneralSecurityException e) {
                throw new KeySourceException("Not an Ed25519 key: " + e.getMessage(), e);
            }
        }
    }

    /** Nimbus's default factory, but EdDSA with {@link BouncyCastleEd25519Verifier} (no Tink). */
    static final class BouncyCastleEd25519VerifierFactory implements JWSVerifierFactory {

        private final DefaultJWSVerifierFactory stock = new DefaultJWSVerifierFactory();

        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            if (JWSAlgorithm.EdDSA.equals(header.getAlgorithm())
                    && key instanceof PublicKey publicKey) {
                return new BouncyCastleEd25519Verifier(publicKey);
            }
            return stock.createJWSVerifier(header, key);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            Set<JWSAlgorithm> algorithms = new java.util.HashSet<>(stock.supportedJWSAlgorithms());
            algorithms.add(JWSAlgorithm.EdDSA);
            return algorithms;
        }

        @Override
        public JCAContext getJCAContext() {
            return stock.getJCAContext();
        }
    }

    // ---- 3. rejected assertions and tokens ----

    @Test
    void aReplayedAssertionIsRejected() {
        String id = agentWith(opensslEd25519);
        String assertion = assertion(opensslEd25519, id);
        accessToken(token(assertion));
        assertInvalidClient(token(assertion));
        assertDenialAudited(id, "replayed jti", assertion);
    }

    @Test
    void anUnsignedAssertionIsRejected() {
        String id = agentWith(opensslEd25519);
        Instant now = Instant.now();
        String unsigned =
                new PlainJWT(claims(id, TOKEN_ENDPOINT, now, now.plusSeconds(60)).build())
                        .serialize();
        assertInvalidClient(token(unsigned));
        // Refused before the agent is looked up: the event names no agent.
        assertDenialAudited(null, "assertion algorithm", unsigned);
    }

    @Test
    void anHmacAssertionKeyedWithThePublicKeyIsRejected() throws Exception {
        String id = agentWith(opensslRsa);
        Instant now = Instant.now();
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader(JWSAlgorithm.HS256),
                        claims(id, TOKEN_ENDPOINT, now, now.plusSeconds(60)).build());
        jwt.sign(new MACSigner(opensslRsa.publicKey().getBytes(StandardCharsets.US_ASCII)));
        String confused = jwt.serialize();
        assertInvalidClient(token(confused));
        assertDenialAudited(id, "assertion algorithm", confused);
    }

    @Test
    void anAssertionSignedByAnotherKeyIsRejected() {
        String id = agentWith(sshEd25519);
        String forged = assertion(opensslEd25519, id);
        assertInvalidClient(token(forged));
        assertDenialAudited(id, "assertion signature", forged);
    }

    @Test
    void anExpiredAssertionIsRejected() {
        String id = agentWith(sshEd25519);
        Instant now = Instant.now();
        String expired =
                sign(
                        sshEd25519,
                        claims(id, TOKEN_ENDPOINT, now.minusSeconds(180), now.minusSeconds(60))
                                .build());
        assertInvalidClient(token(expired));
        assertDenialAudited(id, "assertion expired", expired);
    }

    @Test
    void anAssertionValidForMoreThanFiveMinutesIsRejected() {
        String id = agentWith(sshRsa);
        Instant now = Instant.now();
        String longLived =
                sign(sshRsa, claims(id, TOKEN_ENDPOINT, now, now.plusSeconds(600)).build());
        assertInvalidClient(token(longLived));
        assertDenialAudited(id, "assertion lifetime too long", longLived);
    }

    @Test
    void anAssertionForAnotherAudienceIsRejected() {
        String id = agentWith(sshEd25519);
        Instant now = Instant.now();
        String otherServer =
                sign(
                        sshEd25519,
                        claims(
                                        id,
                                        "https://elsewhere.test/api/v1/agents/tokens",
                                        now,
                                        now.plusSeconds(60))
                                .build());
        assertInvalidClient(token(otherServer));
        // The host the request reached is not the configured public URL, so it is no audience.
        String requestHost =
                sign(
                        sshEd25519,
                        claims(
                                        id,
                                        api.uri("api/v1/agents/tokens").toString(),
                                        now,
                                        now.plusSeconds(60))
                                .build());
        assertInvalidClient(token(requestHost));
        assertDenialAudited(id, "assertion audience", otherServer, requestHost);

        String issuerAudience =
                sign(sshEd25519, claims(id, ISSUER, now, now.plusSeconds(60)).build());
        accessToken(token(issuerAudience));
    }

    @Test
    void anUnknownAgentIsRejected() {
        String stranger = UUID.randomUUID().toString();
        String assertion = assertion(sshEd25519, stranger);
        assertInvalidClient(token(assertion));
        assertDenialAudited(null, "unknown agent", assertion);
    }

    @Test
    void aDisabledAgentGetsNoTokenUntilEnabled() {
        String id = agentWith(opensslRsa);
        assertEquals(200, api.post("api/v1/agents/" + id + "/disable", adminKey, "").statusCode());
        String assertion = assertion(opensslRsa, id);
        assertInvalidClient(token(assertion));
        assertDenialAudited(id, "agent disabled", assertion);

        assertEquals(200, api.post("api/v1/agents/" + id + "/enable", adminKey, "").statusCode());
        accessToken(token(assertion(opensslRsa, id)));
    }

    @Test
    void aTokenStopsWorkingWhenItsAgentIsDisabled() {
        String id = agentWith(sshEd25519);
        String token = accessToken(token(assertion(sshEd25519, id)));
        assertEquals(200, me("Bearer " + token).statusCode());

        assertEquals(200, api.post("api/v1/agents/" + id + "/disable", adminKey, "").statusCode());
        HttpResponse<String> after = me("Bearer " + token);
        assertBearerChallenge(after);
        assertTrue(
                after.headers()
                        .firstValue("WWW-Authenticate")
                        .orElse("")
                        .contains("error=\"invalid_token\""));
        String audit = api.get("api/v1/audit?action=auth:denied&agentId=" + id, viewerKey).body();
        assertTrue(audit.contains("not active"), audit);
        assertFalse(audit.contains(token), "no token in the audit log");

        assertEquals(200, api.post("api/v1/agents/" + id + "/enable", adminKey, "").statusCode());
        assertBearerChallenge(me("Bearer " + token));
        String fresh = accessToken(token(assertion(sshEd25519, id)));
        assertEquals(
                200, me("Bearer " + fresh).statusCode(), "a token from after the enable works");
    }

    @Test
    void anExpiredKeyGetsNoTokenAndItsTokensStop() throws Exception {
        HttpResponse<String> created =
                api.post(
                        "api/v1/agents",
                        adminKey,
                        "{\"name\":\"short-lived-key\",\"registration\":\"agent\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = Api.json(created).getString("agentId");
        HttpResponse<String> registered =
                api.post(
                        "api/v1/agents/registration",
                        null,
                        Json.createObjectBuilder()
                                .add("agentId", id)
                                .add(
                                        "registrationToken",
                                        Api.json(created).getString("registrationToken"))
                                .add("publicKey", sshEd25519.publicKey())
                                .build()
                                .toString());
        assertEquals(200, registered.statusCode(), registered.body());
        Instant keyExpiresAt = Instant.parse(Api.json(registered).getString("keyExpiresAt"));
        assertTrue(
                keyExpiresAt.isBefore(Instant.now().plus(REGISTERED_KEY_TTL)),
                "agents.key.ttl applies: " + keyExpiresAt);

        String token = accessToken(token(assertion(sshEd25519, id)));
        assertEquals(200, me("Bearer " + token).statusCode());

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), keyExpiresAt).toMillis()) + 1500);

        String late = assertion(sshEd25519, id);
        assertInvalidClient(token(late));
        assertDenialAudited(id, "key expired or missing", late, token);
        assertBearerChallenge(me("Bearer " + token));
    }

    @Test
    void theTokenEndpointTakesOnlyAFormPostAndIsInTheOpenApiDocument() {
        HttpResponse<String> get = api.get("api/v1/agents/tokens", null);
        assertProblem(get, 405, "method-not-allowed");
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertProblem(
                api.post("api/v1/agents/tokens", null, "{\"grant_type\":\"client_credentials\"}"),
                415,
                "unsupported-media-type");

        HttpResponse<String> openapi =
                api.send(api.request("openapi", null).header("Accept", "application/json").GET());
        assertEquals(200, openapi.statusCode(), openapi.body());
        JsonObject paths = Api.json(openapi).getJsonObject("paths");
        JsonObject issue = paths.getJsonObject("/api/v1/agents/tokens").getJsonObject("post");
        assertTrue(
                issue.getJsonObject("requestBody")
                        .getJsonObject("content")
                        .containsKey("application/x-www-form-urlencoded"),
                issue.toString());
        assertTrue(issue.getJsonObject("responses").containsKey("429"), issue.toString());
        assertTrue(paths.containsKey("/api/v1/agents/me"), "annotated resources still described");
    }

    @Test
    void meRejectsMissingAndForeignTokens() throws Exception {
        HttpResponse<String> without = me(null);
        assertBearerChallenge(without);
        // RFC 6750 section 3.1: a request without credentials gets no error code.
        assertEquals(
                "Bearer realm=\"sigil\"",
                without.headers().firstValue("WWW-Authenticate").orElseThrow());
        HttpResponse<String> garbage = me("Bearer garbage");
        assertBearerChallenge(garbage);
        assertTrue(
                garbage.headers()
                        .firstValue("WWW-Authenticate")
                        .orElseThrow()
                        .contains("error=\"invalid_token\""));
        assertBearerChallenge(me("Basic " + encode("agent:secret")));

        String id = agentWith(opensslEd25519);
        // A client assertion is signed by the agent, not by Sigil: it is no access token.
        assertBearerChallenge(me("Bearer " + assertion(opensslEd25519, id)));

        // A real token with its subject changed no longer verifies.
        String token = accessToken(token(assertion(opensslEd25519, id)));
        String[] parts = token.split("\\.");
        JWTClaimsSet original = SignedJWT.parse(token).getJWTClaimsSet();
        String otherSubject =
                Base64URL.encode(
                                new JWTClaimsSet.Builder(original)
                                        .subject(agentWith(sshEd25519))
                                        .build()
                                        .toString()
                                        .getBytes(StandardCharsets.UTF_8))
                        .toString();
        assertBearerChallenge(me("Bearer " + parts[0] + "." + otherSubject + "." + parts[2]));
        assertEquals(200, me("Bearer " + token).statusCode(), "the untouched token works");
    }

    // ---- 4. token endpoint request errors ----

    @Test
    void aMissingGrantTypeIsAnInvalidRequest() {
        assertOAuthError(
                tokenForm(
                        "client_assertion_type="
                                + encode(ASSERTION_TYPE)
                                + "&client_assertion=a.b.c"),
                400,
                "invalid_request");
    }

    @Test
    void thePasswordGrantIsUnsupported() {
        assertOAuthError(
                tokenForm("grant_type=password&username=agent&password=secret"),
                400,
                "unsupported_grant_type");
    }

    @Test
    void aMissingAssertionIsAnInvalidRequest() {
        assertOAuthError(
                tokenForm(
                        "grant_type=client_credentials&client_assertion_type="
                                + encode(ASSERTION_TYPE)),
                400,
                "invalid_request");
        String id = agentWith(sshEd25519);
        assertOAuthError(
                tokenForm(
                        "grant_type=client_credentials&client_assertion_type=urn%3Aother"
                                + "&client_assertion="
                                + encode(assertion(sshEd25519, id))),
                400,
                "invalid_request");
    }

    // ---- 5. metadata ----

    @Test
    void bothMetadataDocumentsDescribeTheTokenEndpoint() throws Exception {
        for (String document :
                new String[] {
                    ".well-known/oauth-authorization-server", ".well-known/openid-configuration"
                }) {
            HttpResponse<String> response = api.get(document, null);
            assertEquals(200, response.statusCode(), document);
            JsonObject metadata = Api.json(response);
            assertEquals(ISSUER, metadata.getString("issuer"), document);
            assertEquals(TOKEN_ENDPOINT, metadata.getString("token_endpoint"), document);
            assertEquals(ISSUER + "/.well-known/jwks.json", metadata.getString("jwks_uri"));
            String methods =
                    metadata.getJsonArray("token_endpoint_auth_methods_supported").toString();
            assertTrue(methods.contains("\"private_key_jwt\""), methods);
            String algorithms =
                    metadata.getJsonArray("token_endpoint_auth_signing_alg_values_supported")
                            .toString();
            assertTrue(
                    algorithms.contains("\"EdDSA\"") && algorithms.contains("\"RS256\""),
                    algorithms);
            assertTrue(
                    metadata.getJsonArray("grant_types_supported")
                            .toString()
                            .contains("\"client_credentials\""));

            AuthorizationServerMetadata parsed = AuthorizationServerMetadata.parse(response.body());
            assertEquals(ISSUER, parsed.getIssuer().getValue());
            assertEquals(URI.create(TOKEN_ENDPOINT), parsed.getTokenEndpointURI());
            assertTrue(parsed.getTokenEndpointJWSAlgs().contains(JWSAlgorithm.EdDSA));
            assertTrue(parsed.getTokenEndpointJWSAlgs().contains(JWSAlgorithm.RS256));
        }
        JWKSet keys = jwks();
        assertTrue(
                keys.getKeys().stream()
                        .anyMatch(
                                k ->
                                        k instanceof OctetKeyPair o
                                                && Curve.Ed25519.equals(o.getCurve())),
                "an Ed25519 signing key");
        assertTrue(
                keys.getKeys().stream().anyMatch(RSAKey.class::isInstance), "an RSA signing key");
    }
}
