package dev.sigil.agent.channel;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The agent's record as the server shows it ({@code GET /api/v1/agents/me}). */
public final class AgentRecord {

    /** Shown first, in this order; the other fields follow in the server's order. */
    static final List<String> FIRST =
            List.of("agentId", "name", "status", "keyFingerprint", "keyExpiresAt");

    private final Map<String, Object> fields;

    public AgentRecord(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Map<String, Object> fields() {
        return fields;
    }

    /** The agent's name, if the record has one. */
    public Optional<String> name() {
        return text("name");
    }

    /** The current key's fingerprint, {@code SHA256:...}, if the record has one. */
    public Optional<String> keyFingerprint() {
        return text("keyFingerprint");
    }

    /** When the current key expires, as the server wrote it; empty for a key that never does. */
    public Optional<String> keyExpiresAt() {
        return text("keyExpiresAt");
    }

    private Optional<String> text(String field) {
        return fields.get(field) instanceof String s && !s.isBlank()
                ? Optional.of(ErrorResponses.oneLine(s))
                : Optional.empty();
    }

    /** One {@code key: value} line per field. */
    public List<String> lines() {
        var keys = new ArrayList<String>();
        FIRST.stream().filter(fields::containsKey).forEach(keys::add);
        fields.keySet().stream().filter(k -> !FIRST.contains(k)).forEach(keys::add);
        return keys.stream().map(k -> k + ": " + show(fields.get(k))).toList();
    }

    @SuppressWarnings("unchecked")
    private static String show(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        if (value instanceof Map<?, ?> map) {
            return JSONObjectUtils.toJSONString((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            return JSONArrayUtils.toJSONString(list);
        }
        return ErrorResponses.oneLine(value.toString());
    }
}
