package dev.sigil.tokens.boundary;

import dev.sigil.apikeys.boundary.Anonymous;
import dev.sigil.tokens.entity.AccessToken;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The OAuth 2.0 token endpoint for agents: client credentials with private_key_jwt. */
@Path("v1/agents/tokens")
@ApplicationScoped
@Tag(name = "Agent tokens")
public class TokenResource {

    @EJB AgentTokens tokens;

    @Context HttpServletRequest servletRequest;

    /** RFC 6749 section 5.1. */
    public record TokenResponse(String access_token, String token_type, long expires_in) {}

    @POST
    @Anonymous
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(
            summary = "Issue an access token",
            description =
                    "grant_type=client_credentials, client_assertion_type=urn:ietf:params:oauth:"
                            + "client-assertion-type:jwt-bearer, client_assertion=<JWT signed by"
                            + " the agent's private key (EdDSA or RS256), iss=sub=agent id, aud="
                            + " this endpoint's URL, exp at most 5 minutes ahead, unique jti>."
                            + " Errors as RFC 6749 section 5.2 JSON.")
    public Response token(
            @FormParam("grant_type") String grantType,
            @FormParam("client_assertion_type") String assertionType,
            @FormParam("client_assertion") String assertion) {
        AccessToken token =
                tokens.issue(grantType, assertionType, assertion, servletRequest.getRemoteAddr());
        return Response.ok(
                        new TokenResponse(token.value(), "Bearer", token.expiresIn().toSeconds()))
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
