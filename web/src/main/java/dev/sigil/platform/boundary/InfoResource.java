package dev.sigil.platform.boundary;

import dev.sigil.apikeys.boundary.Anonymous;
import dev.sigil.platform.control.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this server is, for anyone: name, API version and issuer. No database, no secrets. */
@Path("v1/info")
@ApplicationScoped
@Tag(name = "Info")
public class InfoResource {

    @Inject PublicUrl publicUrl;

    /** The answer. */
    public record Info(String name, String apiVersion, String issuer) {}

    @GET
    @Anonymous
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "Server name, API version and issuer")
    public Info info() {
        return new Info("sigil", "1", publicUrl.base());
    }
}
