package dev.sigil.tokens.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The OpenAPI description of the token endpoint, which is a servlet ({@link TokenServlet}) and so
 * has no JAX-RS annotations to describe it. Named by {@code mp.openapi.model.reader}; the rest of
 * the document still comes from the resources' annotations.
 */
public class TokenEndpointDocumentation implements OASModelReader {

    private static final String JSON = "application/json";

    @Override
    public OpenAPI buildModel() {
        Schema form =
                object().required(
                                List.of("grant_type", "client_assertion_type", "client_assertion"))
                        .addProperty("grant_type", string("client_credentials"))
                        .addProperty("client_assertion_type", string(AgentTokens.ASSERTION_TYPE))
                        .addProperty(
                                "client_assertion",
                                string(null)
                                        .description(
                                                "A JWT signed by the agent's private key (EdDSA or"
                                                        + " RS256): iss = sub = agent id, aud = this"
                                                        + " endpoint's URL (the issuer URL is also"
                                                        + " accepted), exp at most 5 minutes ahead,"
                                                        + " iat, and a jti never used before."));
        Schema issued =
                object().addProperty("access_token", string(null))
                        .addProperty("token_type", string("Bearer"))
                        .addProperty(
                                "expires_in",
                                OASFactory.createSchema().type(Schema.SchemaType.INTEGER));
        Schema oauthError =
                object().addProperty(
                                "error",
                                OASFactory.createSchema()
                                        .type(Schema.SchemaType.STRING)
                                        .enumeration(
                                                List.of(
                                                        "invalid_request",
                                                        "invalid_client",
                                                        "unsupported_grant_type")))
                        .addProperty("error_description", string(null));
        Operation issue =
                OASFactory.createOperation()
                        .operationId("issueAgentToken")
                        .summary("Issue an access token")
                        .description(
                                "OAuth 2.0 client credentials with private_key_jwt (RFC 6749,"
                                        + " RFC 7523). Errors as RFC 6749 section 5.2 JSON.")
                        .tags(List.of("Agent tokens"))
                        .security(List.of())
                        .requestBody(
                                OASFactory.createRequestBody()
                                        .required(true)
                                        .content(content(TokenServlet.FORM, form)))
                        .responses(
                                OASFactory.createAPIResponses()
                                        .addAPIResponse(
                                                "200", response("The access token", JSON, issued))
                                        .addAPIResponse(
                                                "400",
                                                response(
                                                        "invalid_request or unsupported_grant_type",
                                                        JSON,
                                                        oauthError))
                                        .addAPIResponse(
                                                "401",
                                                response(
                                                        "invalid_client: the assertion, its agent"
                                                                + " or its key was not accepted",
                                                        JSON,
                                                        oauthError))
                                        .addAPIResponse(
                                                "429",
                                                response(
                                                        "Too many requests from this address or"
                                                                + " for this agent; see"
                                                                + " Retry-After",
                                                        "application/problem+json",
                                                        object())));
        return OASFactory.createOpenAPI()
                .paths(
                        OASFactory.createPaths()
                                .addPathItem(
                                        AgentTokens.TOKEN_PATH,
                                        OASFactory.createPathItem().POST(issue)));
    }

    private static Schema object() {
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
    }

    private static Schema string(String value) {
        Schema schema = OASFactory.createSchema().type(Schema.SchemaType.STRING);
        return value == null ? schema : schema.enumeration(List.of(value));
    }

    private static Content content(String mediaType, Schema schema) {
        return OASFactory.createContent()
                .addMediaType(mediaType, OASFactory.createMediaType().schema(schema));
    }

    private static APIResponse response(String description, String mediaType, Schema schema) {
        return OASFactory.createAPIResponse()
                .description(description)
                .content(content(mediaType, schema));
    }
}
