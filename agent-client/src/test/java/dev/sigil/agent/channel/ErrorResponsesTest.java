package dev.sigil.agent.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    @Test
    void problemDetailsBecomeTitleDetailAndCode() {
        String body =
                """
                {"type":"urn:sigil:problem:registration-token-invalid",
                 "title":"Registration token rejected",
                 "status":401,
                 "detail":"The token has expired."}
                """;

        assertEquals(
                Optional.of(
                        "Registration token rejected: The token has expired."
                                + " (registration-token-invalid)"),
                ErrorResponses.explain("application/problem+json", body));
    }

    @Test
    void problemDetailsShowTheInstanceToQuoteToSupport() {
        String body =
                "{\"type\":\"about:blank\",\"title\":\"Internal error\",\"status\":500,"
                        + "\"instance\":\"urn:uuid:1b4e28ba\"}";

        assertEquals(
                Optional.of("Internal error (instance urn:uuid:1b4e28ba)"),
                ErrorResponses.explain("application/problem+json", body));
    }

    @Test
    void oauthErrorBecomesCodeAndDescription() {
        String body =
                "{\"error\":\"invalid_client\",\"error_description\":\"The assertion has expired.\"}";

        assertEquals(
                Optional.of("invalid_client: The assertion has expired."),
                ErrorResponses.explain("application/json;charset=UTF-8", body));
    }

    @Test
    void multiLineDetailBecomesOneLine() {
        String body = "{\"title\":\"Bad key\",\"detail\":\"line one\\nline two\\r\\n\\tthree\"}";

        assertEquals(
                Optional.of("Bad key: line one line two three"),
                ErrorResponses.explain("application/problem+json", body));
    }

    @Test
    void htmlExplainsNothing() {
        assertEquals(
                Optional.empty(),
                ErrorResponses.explain("text/html", "<html><body>502 Bad Gateway</body></html>"));
    }

    @Test
    void longPlainTextIsCut() {
        String explained = ErrorResponses.explain("text/plain", "x".repeat(1000)).orElseThrow();

        assertEquals(ErrorResponses.MAXIMUM_LENGTH, explained.length());
    }
}
