package org.pfxkit.shared.match;

/** What one criterion says about one certificate, before the has-key filter. */
record Evaluation(boolean matches, String reason) {
    static Evaluation yes(String reason) {
        return new Evaluation(true, reason);
    }

    static Evaluation no(String reason) {
        return new Evaluation(false, reason);
    }
}
