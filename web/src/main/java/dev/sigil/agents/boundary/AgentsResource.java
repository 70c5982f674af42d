package dev.sigil.agents.boundary;

import dev.sigil.agents.entity.Agent;
import dev.sigil.agents.entity.NewAgent;
import dev.sigil.agents.entity.RegistrationToken;
import dev.sigil.apikeys.boundary.Anonymous;
import dev.sigil.apikeys.boundary.ApiKeyAuthentication;
import dev.sigil.apikeys.boundary.RequiresRole;
import dev.sigil.apikeys.entity.Role;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agents: add (register via agent or supply a public key), list, manage, and registration. */
@Path("v1/agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agents")
public class AgentsResource {

    @EJB AgentRegistry registry;

    @Context SecurityContext security;

    @Context HttpServletRequest servletRequest;

    /** The body of a create request (a class: Payara's OpenAPI scanner fails on records). */
    public static class NewAgentRequest {
        @NotBlank
        @Size(max = 100)
        public String name;

        @NotNull
        @Pattern(regexp = "agent|public-key", message = "must be agent or public-key")
        public String registration;

        @Size(max = 16384)
        public String publicKey;

        @Pattern(regexp = "ed25519|rsa", message = "must be ed25519 or rsa")
        public String keyType;

        @Min(1)
        @Max(3650)
        public Integer keyTtlDays;
    }

    /** The body of a registration by the agent itself. */
    public static class RegistrationRequest {
        @NotBlank
        @Size(max = 64)
        public String agentId;

        @NotBlank
        @Size(max = 200)
        public String registrationToken;

        @NotBlank
        @Size(max = 16384)
        public String publicKey;

        @Pattern(regexp = "ed25519|rsa", message = "must be ed25519 or rsa")
        public String keyType;
    }

    /** An agent just created; the registration token appears only here. */
    public record CreatedAgent(
            String agentId,
            String name,
            String status,
            String registrationToken,
            Instant registrationTokenExpiresAt,
            String keyFingerprint,
            String keyThumbprint,
            Instant keyExpiresAt) {}

    /** A fresh registration token, shown once. */
    public record IssuedRegistrationToken(
            String agentId, String registrationToken, Instant registrationTokenExpiresAt) {}

    /** The answer to a registration. */
    public record Registered(
            String agentId, String keyFingerprint, Instant keyExpiresAt, Instant registeredAt) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    @Operation(
            summary = "Add an agent: register via agent (a one-hour token) or supply a public key")
    public Response create(@NotNull @Valid NewAgentRequest request, @Context UriInfo uri) {
        NewAgent created =
                registry.create(
                        request.name.strip(),
                        request.registration,
                        request.publicKey,
                        request.keyType,
                        request.keyTtlDays,
                        ApiKeyAuthentication.actor(security));
        Agent agent = created.agent();
        return Response.created(uri.getAbsolutePathBuilder().path(agent.id()).build())
                .entity(
                        new CreatedAgent(
                                agent.id(),
                                agent.name(),
                                agent.status().wire(),
                                created.registrationToken()
                                        .map(RegistrationToken::value)
                                        .orElse(null),
                                created.registrationToken()
                                        .map(RegistrationToken::expiresAt)
                                        .orElse(null),
                                agent.keyFingerprint().orElse(null),
                                agent.keyThumbprint().orElse(null),
                                agent.keyExpiresAt().orElse(null)))
                .build();
    }

    @GET
    @RequiresRole(Role.VIEWER)
    @Operation(summary = "List agents")
    public List<AgentView> list() {
        return registry.list().stream().map(AgentView::of).toList();
    }

    @GET
    @Path("{id}")
    @RequiresRole(Role.VIEWER)
    @Operation(summary = "One agent")
    public AgentView get(@PathParam("id") String id) {
        return AgentView.of(registry.get(id));
    }

    @POST
    @Path("{id}/registration-token")
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "A fresh registration token for a new key pair; the old token dies")
    public IssuedRegistrationToken newRegistrationToken(@PathParam("id") String id) {
        RegistrationToken token =
                registry.newRegistrationToken(id, ApiKeyAuthentication.actor(security));
        return new IssuedRegistrationToken(id, token.value(), token.expiresAt());
    }

    @POST
    @Path("{id}/disable")
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Disable an agent; its tokens stop working at once")
    public AgentView disable(@PathParam("id") String id) {
        return AgentView.of(registry.disable(id, ApiKeyAuthentication.actor(security)));
    }

    @POST
    @Path("{id}/enable")
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Enable a disabled agent")
    public AgentView enable(@PathParam("id") String id) {
        return AgentView.of(registry.enable(id, ApiKeyAuthentication.actor(security)));
    }

    @DELETE
    @Path("{id}")
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Delete an agent")
    public Response delete(@PathParam("id") String id) {
        registry.delete(id, ApiKeyAuthentication.actor(security));
        return Response.noContent().build();
    }

    @POST
    @Path("registration")
    @Anonymous
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(
            summary = "Register an agent's public key with its one-time registration token",
            description = "Wrong, expired and used tokens all answer 401.")
    public Registered register(@NotNull @Valid RegistrationRequest request) {
        Agent agent =
                registry.register(
                        request.agentId.strip(),
                        request.registrationToken.strip(),
                        request.publicKey,
                        request.keyType,
                        servletRequest.getRemoteAddr());
        return new Registered(
                agent.id(),
                agent.keyFingerprint().orElseThrow(),
                agent.keyExpiresAt().orElseThrow(),
                agent.registeredAt().orElseThrow());
    }
}
