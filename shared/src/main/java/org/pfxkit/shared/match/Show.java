package org.pfxkit.shared.match;

/** Quotes names and texts in one-line reasons, shortening very long ones so a reason stays one readable line. */
final class Show {
    private static final int MAX = 100;

    private Show() {
    }

    static String quote(String text) {
        return "'" + abbreviate(text) + "'";
    }

    static String abbreviate(String text) {
        if (text.length() <= MAX) {
            return text;
        }
        int cut = MAX - 3;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "...";
    }
}
