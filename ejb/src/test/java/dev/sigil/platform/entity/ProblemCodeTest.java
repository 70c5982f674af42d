package dev.sigil.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProblemCodeTest {

    @Test
    void codesAreUniqueAndUrns() {
        long distinct =
                Arrays.stream(ProblemCode.values()).map(ProblemCode::code).distinct().count();
        assertEquals(ProblemCode.values().length, distinct);
        assertEquals("urn:sigil:problem:rate-limited", ProblemCode.RATE_LIMITED.type());
    }

    @Test
    void everyGenericStatusMapsToACodeOfThatStatus() {
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 409, 415, 429, 503}) {
            assertEquals(status, ProblemCode.forStatus(status).status());
        }
        assertEquals(ProblemCode.INTERNAL_ERROR, ProblemCode.forStatus(502));
    }
}
