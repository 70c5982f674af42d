package dev.sigil.agents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.agents.control.KeyFixtures.Sample;
import dev.sigil.agents.entity.AgentPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Feeds the parser deterministic mutations of the valid fixtures: whatever the input, it returns a
 * usable key or throws {@link InvalidPublicKeyException}, and never repeats the input.
 */
class PublicKeyParserFuzzTest {

    static final long SEED = 0x5161_1L;

    static final int CASES = 12_000;

    static final String BASE64_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_";

    static final String SYNTAX_CHARS = " \t\r\n{}[]\":,-.@\\";

    static final String[] UNICODE = {
        "é", "\u00a0", "\u200b", "\u202e", "\u0301", "\uFEFF", "\u0000", "🔑", "\ud800", "\udfff",
        "\u2028", "Ａ", "ß", "\u0130"
    };

    static final String[] HINTS = {null, "ed25519", "rsa", "", "RSA", "ecdsa", "\u0000"};

    static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{8,}={0,2}");

    PublicKeyParser cut = new PublicKeyParser();

    @Test
    void everyMutatedInputParsesToAUsableKeyOrIsRejectedAsAnInvalidPublicKey() {
        List<Sample> samples = KeyFixtures.ACCEPTED;
        List<String> texts = samples.stream().map(Sample::text).toList();
        Random random = new Random(SEED);
        int[] outcomes = new int[2];

        for (int n = 0; n < CASES; n++) {
            int pick = random.nextInt(samples.size());
            String input = texts.get(pick);
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                input = mutate(input, random);
            }
            String hint =
                    random.nextInt(4) == 0
                            ? HINTS[random.nextInt(HINTS.length)]
                            : samples.get(pick).hint();
            outcomes[check(n, input, hint) ? 0 : 1]++;
        }

        assertEquals(CASES, outcomes[0] + outcomes[1]);
        assertTrue(outcomes[0] > 100, "too few mutants parsed: " + outcomes[0]);
        assertTrue(outcomes[1] > CASES / 2, "too few mutants rejected: " + outcomes[1]);
    }

    /** True when the input parsed; fails the test on anything but a key or the right exception. */
    boolean check(int n, String input, String hint) {
        AgentPublicKey key;
        try {
            key = cut.parse(input, hint);
        } catch (InvalidPublicKeyException e) {
            String message = e.getMessage();
            assertFalse(message == null || message.isBlank(), () -> describe(n, input, hint));
            String stripped = input.strip();
            // Messages hold fixed phrases and short labels; a longer input inside one is an echo.
            if (stripped.length() > 40) {
                assertFalse(message.contains(stripped), () -> "echoes " + describe(n, input, hint));
            }
            return false;
        } catch (Throwable t) {
            throw new AssertionError(describe(n, input, hint) + " threw " + t, t);
        }
        AgentPublicKey rebuilt = AgentPublicKey.fromSpkiDer(key.type(), key.spkiDer());
        assertEquals(key, rebuilt, () -> describe(n, input, hint));
        assertTrue(key.fingerprint().startsWith("SHA256:"));
        assertEquals(43, key.thumbprint().length());
        assertEquals(key, cut.parse(key.toOpenSsh(), null), () -> describe(n, input, hint));
        return true;
    }

    static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return randomText(random, 1 + random.nextInt(64));
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(11)) {
            case 0 -> text.substring(0, at) + randomChar(random) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + randomChar(random) + text.substring(at);
            case 2 -> text.substring(0, at) + text.substring(at + 1);
            case 3 -> text.substring(0, at);
            case 4 -> {
                int end = at + random.nextInt(Math.min(64, text.length() - at) + 1);
                yield text.substring(0, end) + text.substring(at);
            }
            case 5 -> swapChunks(text, random);
            case 6 -> randomText(random, random.nextInt(2 * text.length() + 1));
            case 7, 8 -> mutateBytes(text, random);
            case 9 ->
                    text.substring(0, at)
                            + UNICODE[random.nextInt(UNICODE.length)]
                            + text.substring(at);
            default -> text + text.substring(at);
        };
    }

    /** Swaps two four-character chunks, keeping base64 well-formed but the content wrong. */
    static String swapChunks(String text, Random random) {
        if (text.length() < 8) {
            return text;
        }
        int first = random.nextInt(text.length() / 4) * 4;
        int second = random.nextInt(text.length() / 4) * 4;
        if (first > second) {
            int swap = first;
            first = second;
            second = swap;
        }
        if (second - first < 4 || second + 4 > text.length()) {
            return text;
        }
        return text.substring(0, first)
                + text.substring(second, second + 4)
                + text.substring(first + 4, second)
                + text.substring(first, first + 4)
                + text.substring(second + 4);
    }

    /** Decodes the longest base64 run, changes its bytes, and encodes it back in place. */
    static String mutateBytes(String text, Random random) {
        Matcher matcher = BASE64_RUN.matcher(text);
        int start = -1;
        int end = -1;
        while (matcher.find()) {
            if (matcher.end() - matcher.start() > end - start) {
                start = matcher.start();
                end = matcher.end();
            }
        }
        if (start < 0) {
            return text;
        }
        String run = text.substring(start, end);
        boolean url =
                run.indexOf('-') >= 0
                        || run.indexOf('_') >= 0
                        || !run.endsWith("=") && text.startsWith("{");
        byte[] bytes;
        try {
            bytes = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(run);
        } catch (IllegalArgumentException e) {
            return text;
        }
        if (bytes.length == 0) {
            return text;
        }
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(5)) {
            case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> bytes[at] = (byte) random.nextInt(256);
            case 2 -> bytes[at] = (byte) (random.nextBoolean() ? 0 : 0xff);
            case 3 -> {
                byte[] shorter = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                bytes = shorter;
            }
            default -> {
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                bytes = longer;
            }
        }
        String encoded =
                url
                        ? Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
                        : Base64.getEncoder().encodeToString(bytes);
        return text.substring(0, start) + encoded + text.substring(end);
    }

    static String randomChar(Random random) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> String.valueOf(BASE64_CHARS.charAt(random.nextInt(BASE64_CHARS.length())));
            case 2 -> String.valueOf(SYNTAX_CHARS.charAt(random.nextInt(SYNTAX_CHARS.length())));
            default -> UNICODE[random.nextInt(UNICODE.length)];
        };
    }

    static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(randomChar(random));
        }
        return text.toString();
    }

    static String describe(int n, String input, String hint) {
        String shown = input.length() > 200 ? input.substring(0, 200) + "..." : input;
        return "case "
                + n
                + " (seed "
                + SEED
                + ", keyType "
                + hint
                + "): "
                + shown.replace("\n", "\\n").replace("\r", "\\r");
    }
}
