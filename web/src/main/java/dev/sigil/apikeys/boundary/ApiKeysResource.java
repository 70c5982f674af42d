package dev.sigil.apikeys.boundary;

import dev.sigil.apikeys.entity.ApiKey;
import dev.sigil.apikeys.entity.IssuedApiKey;
import dev.sigil.apikeys.entity.Role;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API keys: create (admin), list (viewer), revoke (admin). */
@Path("v1/api-keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
public class ApiKeysResource {

    @EJB ApiKeyRegistry registry;

    @Context SecurityContext security;

    /**
     * The body of a create request. A class, not a record: Payara's OpenAPI scanner fails on
     * constraints placed on record components.
     */
    public static class NewApiKey {
        @NotBlank
        @Size(max = 100)
        public String name;

        @NotNull
        @Pattern(regexp = "admin|viewer", message = "must be admin or viewer")
        public String role;

        @Min(1)
        @Max(1_000_000)
        public Integer ratePerMinute;
    }

    /** A key just created: the only response that ever carries {@code key}. */
    public record CreatedApiKey(
            String id, String name, String role, String prefix, int ratePerMinute, String key) {

        public static CreatedApiKey of(IssuedApiKey issued) {
            ApiKey k = issued.key();
            return new CreatedApiKey(
                    k.id(),
                    k.name(),
                    k.role().wire(),
                    k.prefix(),
                    k.ratePerMinute(),
                    issued.secret().value());
        }
    }

    /** A key as listed: never its secret. */
    public record ApiKeyView(
            String id,
            String name,
            String role,
            String prefix,
            int ratePerMinute,
            Instant createdAt,
            Instant revokedAt,
            Instant lastUsedAt,
            long useCount) {

        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(
                    k.id(),
                    k.name(),
                    k.role().wire(),
                    k.prefix(),
                    k.ratePerMinute(),
                    k.createdAt(),
                    k.revokedAt().orElse(null),
                    k.lastUsedAt().orElse(null),
                    k.useCount());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Create an API key; the key is in this response only")
    public Response create(@NotNull @Valid NewApiKey request, @Context UriInfo uri) {
        IssuedApiKey issued =
                registry.create(
                        request.name.strip(),
                        Role.fromWire(request.role).orElseThrow(),
                        request.ratePerMinute,
                        ApiKeyAuthentication.actor(security));
        return Response.created(uri.getAbsolutePathBuilder().path(issued.key().id()).build())
                .entity(CreatedApiKey.of(issued))
                .build();
    }

    @GET
    @RequiresRole(Role.VIEWER)
    @Operation(summary = "List API keys, without secrets")
    public List<ApiKeyView> list() {
        return registry.list().stream().map(ApiKeyView::of).toList();
    }

    @GET
    @Path("{id}")
    @RequiresRole(Role.VIEWER)
    @Operation(summary = "One API key, without its secret")
    public ApiKeyView get(@PathParam("id") String id) {
        return ApiKeyView.of(registry.get(id));
    }

    @DELETE
    @Path("{id}")
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Revoke an API key at once")
    public Response revoke(@PathParam("id") String id) {
        registry.revoke(id, ApiKeyAuthentication.actor(security));
        return Response.noContent().build();
    }
}
