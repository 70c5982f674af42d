package dev.sigil.tokens.boundary;

import dev.sigil.platform.boundary.Problems;
import dev.sigil.platform.control.SigilException;
import dev.sigil.tokens.control.OAuthException;
import dev.sigil.tokens.entity.AccessToken;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The OAuth 2.0 token endpoint for agents: client credentials with {@code private_key_jwt} (RFC
 * 6749 section 4.4, RFC 7523). A servlet rather than a JAX-RS resource because every agent calls it
 * every few minutes and it is the one hot endpoint that needs nothing JAX-RS adds: the resource
 * cost about 85 µs of server CPU per request more than a servlet (docs/benchmarks.md). Its OpenAPI
 * description comes from {@link TokenEndpointDocumentation}.
 *
 * <p>Answers: 200 with {@code access_token}, {@code token_type} and {@code expires_in}; RFC 6749
 * section 5.2 errors as JSON; 429 problem+json with {@code Retry-After}; 415 for anything but a
 * form; 405 for anything but POST. All of them {@code Cache-Control: no-store}.
 */
@WebServlet(name = "token-endpoint", urlPatterns = AgentTokens.TOKEN_PATH)
public class TokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String FORM = "application/x-www-form-urlencoded";

    /**
     * Made once: each static {@code Json.createObjectBuilder()} looks the JSON provider up again,
     * and that lookup was 19 % of the token endpoint's CPU.
     */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @EJB transient AgentTokens tokens;

    /** Only POST: anything else is 405 with {@code Allow} (RFC 9110), as problem+json. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        request.setCharacterEncoding("UTF-8");
        JsonObject body;
        try {
            AccessToken token =
                    tokens.issue(
                            request.getParameter("grant_type"),
                            request.getParameter("client_assertion_type"),
                            request.getParameter("client_assertion"),
                            request.getRemoteAddr());
            body =
                    JSON.createObjectBuilder()
                            .add("access_token", token.value())
                            .add("token_type", "Bearer")
                            .add("expires_in", token.expiresIn().toSeconds())
                            .build();
        } catch (OAuthException e) {
            response.setStatus(e.status());
            body =
                    JSON.createObjectBuilder()
                            .add("error", e.error())
                            .add("error_description", e.getMessage())
                            .build();
        } catch (SigilException e) {
            Problems.write(e, response);
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }
}
