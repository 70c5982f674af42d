package dev.sigil.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file of {@code KEY=VALUE} lines as systemd's {@code EnvironmentFile=} reads them: blank lines
 * and lines starting with {@code #} or {@code ;} are ignored, a value may be in double or single
 * quotes. Values with spaces, quotes or backslashes are written in double quotes.
 */
public final class EnvFile {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@+,=%-]*");

    private final Map<String, String> values;
    private final List<String> comments;

    private EnvFile(Map<String, String> values, List<String> comments) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.comments = List.copyOf(comments);
    }

    public static EnvFile empty() {
        return new EnvFile(Map.of(), List.of());
    }

    /** A file with the header {@code comments} (without {@code #}) and {@code values} in order. */
    public static EnvFile of(List<String> comments, Map<String, String> values) {
        values.forEach(EnvFile::checkEntry);
        return new EnvFile(values, comments);
    }

    /** Reads {@code file}; a missing file is empty. */
    public static EnvFile read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * Parses {@code text}; {@code source} names it in error messages, which give the line number
     * only, never the line.
     */
    public static EnvFile parse(String text, String source) {
        var values = new LinkedHashMap<String, String>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int equals = line.indexOf('=');
            String key = equals < 0 ? "" : line.substring(0, equals).strip();
            if (!KEY.matcher(key).matches()) {
                throw new ConfigException(
                        source + " line " + (i + 1) + " is not of the form KEY=VALUE");
            }
            values.put(key, unquote(line.substring(equals + 1).strip(), source, i + 1));
        }
        return new EnvFile(values, List.of());
    }

    private static String unquote(String raw, String source, int line) {
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
            return raw.substring(1, raw.length() - 1);
        }
        if (!raw.startsWith("\"")) {
            return raw;
        }
        var value = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                value.append(raw.charAt(++i));
            } else if (c == '"') {
                if (i != raw.length() - 1) {
                    break;
                }
                return value.toString();
            } else {
                value.append(c);
            }
        }
        throw new ConfigException(source + " line " + line + " has an unterminated quote");
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public Map<String, String> values() {
        return values;
    }

    /** The file's text: the header comments, then one line per value. */
    public String render() {
        var text = new StringBuilder();
        comments.forEach(c -> text.append(c.isEmpty() ? "#" : "# " + c).append('\n'));
        values.forEach((k, v) -> text.append(k).append('=').append(quote(v)).append('\n'));
        return text.toString();
    }

    private static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void checkEntry(String key, String value) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a variable name: " + key);
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a value of " + key + " spans lines");
        }
    }
}
