package dev.sigil.audit.entity;

/** The outcome of verifying the chain: how many events were checked, and the first broken one. */
public record Verification(boolean valid, long checked, Long firstBrokenSeq) {

    public static Verification intact(long checked) {
        return new Verification(true, checked, null);
    }

    public static Verification brokenAt(long checked, long seq) {
        return new Verification(false, checked, seq);
    }
}
