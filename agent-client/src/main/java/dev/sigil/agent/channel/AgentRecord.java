package dev.sigil.agent.channel;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
