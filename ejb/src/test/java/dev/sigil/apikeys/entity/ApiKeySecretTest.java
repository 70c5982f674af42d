package dev.sigil.apikeys.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.platform.control.Secrets;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

    ApiKeySecret cut = ApiKeySecret.generate();

    @Test
    void secretIsSchemeAnd32RandomBytes() {
        assertTrue(cut.value().matches("sgl_[A-Za-z0-9_-]{43}"), cut.value());
        assertNotEquals(cut.value(), ApiKeySecret.generate().value());
    }

    @Test
    void storedFormsRevealNoSecret() {
        assertTrue(cut.hash().matches("[0-9a-f]{64}"));
        assertEquals(12, cut.prefix().length());
        assertTrue(cut.value().startsWith(cut.prefix()));
        assertFalse(cut.toString().contains(cut.value()));
    }

    @Test
    void hashIsSha256OfTheWholeSecret() {
        // SHA-256("abc"), FIPS 180-2 test vector.
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Secrets.sha256Hex("abc"));
        assertEquals(Secrets.sha256Hex(cut.value()), cut.hash());
    }

    @Test
    void adminIncludesViewerButNotTheOtherWayRound() {
        assertTrue(Role.ADMIN.includes(Role.VIEWER));
        assertTrue(Role.ADMIN.includes(Role.ADMIN));
        assertTrue(Role.VIEWER.includes(Role.VIEWER));
        assertFalse(Role.VIEWER.includes(Role.ADMIN));
        assertEquals(Role.VIEWER, Role.fromWire("viewer").orElseThrow());
        assertTrue(Role.fromWire("root").isEmpty());
    }
}
