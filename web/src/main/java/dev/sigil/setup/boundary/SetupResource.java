package dev.sigil.setup.boundary;

import dev.sigil.apikeys.boundary.Anonymous;
import dev.sigil.apikeys.boundary.ApiKeysResource.CreatedApiKey;
import dev.sigil.apikeys.entity.IssuedApiKey;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** First-start setup: trade the one-time setup token for the first admin API key. */
@Path("v1/setup")
@RequestScoped
@Tag(name = "Setup")
public class SetupResource {

    @EJB Setup setup;

    @Context HttpServletRequest servletRequest;

    /** The body of a setup request (a class: see {@code ApiKeysResource.NewApiKey}). */
    public static class SetupRequest {
        @NotBlank
        @Size(max = 200)
        public String setupToken;
    }

    @POST
    @Anonymous
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(
            summary = "Complete setup",
            description =
                    "Spends the token from <data dir>/setup-token and returns the first admin API"
                            + " key, once. Later calls answer 409.")
    public Response complete(@NotNull @Valid SetupRequest request) {
        IssuedApiKey issued = setup.complete(request.setupToken, servletRequest.getRemoteAddr());
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/v1/api-keys/" + issued.key().id())
                .entity(CreatedApiKey.of(issued))
                .build();
    }
}
