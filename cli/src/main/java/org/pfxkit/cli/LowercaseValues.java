package org.pfxkit.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * Completion candidates for an enum option, in lower case as --help and the docs write them (picocli offers the
 * constants' names, AUTO or JSON, by default; they are accepted case-insensitively either way). A command names a
 * subclass per enum in {@code completionCandidates}, since picocli instantiates the class itself.
 */
public abstract class LowercaseValues<E extends Enum<E>> implements Iterable<String> {
    private final Class<E> type;

    protected LowercaseValues(Class<E> type) {
        this.type = type;
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).iterator();
    }
}
