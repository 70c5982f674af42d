package dev.sigil.tokens.boundary;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The documents clients look for under {@code /.well-known/}: the JWKS, and the authorization
 * server metadata (RFC 8414), also under the OpenID Connect discovery name.
 */
@WebServlet(
        name = "well-known",
        urlPatterns = {
            "/.well-known/jwks.json",
            "/.well-known/oauth-authorization-server",
            "/.well-known/openid-configuration"
        })
public class WellKnownServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Made once: each static {@code Json.create...} call looks the JSON provider up again. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @EJB transient SigningKeys signingKeys;

    @EJB transient AgentTokens tokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String body;
        if (request.getServletPath().endsWith("jwks.json")) {
            response.setContentType("application/jwk-set+json");
            response.setHeader("Cache-Control", "public, max-age=60");
            body = signingKeys.jwks();
        } else {
            response.setContentType("application/json");
            body = metadata();
        }
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }

    private String metadata() {
        String issuer = tokens.issuer();
        JsonArrayBuilder algorithms = JSON.createArrayBuilder().add("EdDSA").add("RS256");
        return JSON.createObjectBuilder()
                .add("issuer", issuer)
                .add("token_endpoint", tokens.tokenEndpoint())
                .add("jwks_uri", issuer + "/.well-known/jwks.json")
                .add("grant_types_supported", JSON.createArrayBuilder().add("client_credentials"))
                .add(
                        "token_endpoint_auth_methods_supported",
                        JSON.createArrayBuilder().add("private_key_jwt"))
                .add("token_endpoint_auth_signing_alg_values_supported", algorithms)
                .add(
                        "id_token_signing_alg_values_supported",
                        JSON.createArrayBuilder().add("EdDSA").add("RS256"))
                .add("response_types_supported", JSON.createArrayBuilder().add("token"))
                .add("subject_types_supported", JSON.createArrayBuilder().add("public"))
                .build()
                .toString();
    }
}
