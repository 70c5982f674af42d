package dev.sigil.agent.channel;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Turns an error answer of the server into one line: problem details (RFC 9457), an OAuth error
 * (RFC 6749 §5.2), or a short plain-text body (H1.3).
 */
public final class ErrorResponses {

    static final int MAXIMUM_LENGTH = 300;
    private static final String PROBLEM_TYPE_PREFIX = "urn:sigil:problem:";

    private ErrorResponses() {}

    /**
     * The server's explanation in one line, e.g. {@code "Registration token rejected: the token has
     * expired"} or {@code "invalid_client: the assertion is expired"}; empty when the body explains
     * nothing.
     *
     * @param contentType the {@code Content-Type} header, may be {@code null}
     * @param body the body, may be {@code null}
     */
    public static Optional<String> explain(String contentType, String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        Optional<Map<String, Object>> json = parseObject(body);
        if (json.isPresent()) {
            Map<String, Object> object = json.get();
            if (object.containsKey("error")) {
                return Optional.of(oauthError(object)).map(ErrorResponses::oneLine);
            }
            if (object.containsKey("title") || object.containsKey("detail")) {
                return Optional.of(problem(object)).map(ErrorResponses::oneLine);
            }
            return Optional.empty();
        }
        if (type.startsWith("text/plain")) {
            return Optional.of(oneLine(body)).filter(s -> !s.isEmpty());
        }
        return Optional.empty();
    }

    private static String problem(Map<String, Object> problem) {
        String title = text(problem.get("title"));
        String detail = text(problem.get("detail"));
        String line;
        if (title.isEmpty()) {
            line = detail;
        } else if (detail.isEmpty() || detail.equals(title)) {
            line = title;
        } else {
            line = title + ": " + detail;
        }
        var notes = new StringJoiner(", ", " (", ")").setEmptyValue("");
        String type = text(problem.get("type"));
        if (type.startsWith(PROBLEM_TYPE_PREFIX)) {
            notes.add(type.substring(PROBLEM_TYPE_PREFIX.length()));
        }
        String instance = text(problem.get("instance"));
        if (!instance.isEmpty()) {
            notes.add("instance " + instance);
        }
        return line + notes;
    }

    private static String oauthError(Map<String, Object> error) {
        String code = text(error.get("error"));
        String description = text(error.get("error_description"));
        return description.isEmpty() ? code : code + ": " + description;
    }

    private static Optional<Map<String, Object>> parseObject(String body) {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSONObjectUtils.parse(trimmed));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static String text(Object value) {
        return value == null ? "" : oneLine(value.toString());
    }

    /** Collapses control characters and runs of blanks, and cuts to {@value #MAXIMUM_LENGTH}. */
    static String oneLine(String text) {
        String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() <= MAXIMUM_LENGTH
                ? line
                : line.substring(0, MAXIMUM_LENGTH - 3) + "...";
    }
}
