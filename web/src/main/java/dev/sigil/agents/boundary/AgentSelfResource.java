package dev.sigil.agents.boundary;

import dev.sigil.agents.entity.Agent;
import dev.sigil.tokens.boundary.AgentAccess;
import dev.sigil.tokens.entity.AgentCaller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What an agent may do about itself, authenticated by its bearer access token. */
@Path("v1/agents/me")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agent self-service")
public class AgentSelfResource {

    @EJB AgentRegistry registry;

    /** The body of a key rotation. */
    public static class KeyRotationRequest {
        @NotBlank
        @Size(max = 16384)
        public String publicKey;

        @Pattern(regexp = "ed25519|rsa", message = "must be ed25519 or rsa")
        public String keyType;

        @NotBlank
        @Size(max = 8192)
        public String proof;

        /**
         * How long the old key should keep working, an ISO-8601 duration; at most, and by default,
         * the server's {@code agents.key-rotation.overlap}.
         */
        @Size(max = 64)
        public String overlap;
    }

    /** The answer to a rotation. */
    public record Rotated(
            String agentId,
            String keyFingerprint,
            Instant keyExpiresAt,
            Instant previousKeyRetiresAt) {}

    /**
     * The agent the filter authenticated. The security context is a method parameter, not a field:
     * a field would be a proxy, and calling through it cost 3 % of a request.
     */
    private static AgentCaller caller(SecurityContext security) {
        return (AgentCaller) security.getUserPrincipal();
    }

    @GET
    @AgentAccess
    @Operation(summary = "The calling agent's own record")
    public AgentView me(@Context SecurityContext security) {
        return AgentView.of(caller(security).agent());
    }

    @POST
    @Path("key-rotation")
    @AgentAccess
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace the agent's key",
            description =
                    "Authenticated with a token obtained with the current key; proof is a JWT"
                            + " signed by the new private key (iss = sub = agent id, aud = this"
                            + " endpoint's URL). The old key works until previousKeyRetiresAt:"
                            + " overlap (ISO-8601) after the rotation, at most and by default"
                            + " agents.key-rotation.overlap.")
    public Rotated rotate(
            @NotNull @Valid KeyRotationRequest request, @Context SecurityContext security) {
        Agent agent =
                registry.rotateKey(
                        caller(security).agentId(),
                        request.publicKey,
                        request.keyType,
                        request.proof,
                        request.overlap);
        return new Rotated(
                agent.id(),
                agent.keyFingerprint().orElseThrow(),
                agent.keyExpiresAt().orElseThrow(),
                agent.previousKeyRetiresAt().orElseThrow());
    }
}
