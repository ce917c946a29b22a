package org.pfxkit.shared.secret;

import org.pfxkit.shared.error.PfxkitException;

/** A {@link PasswordSource} made of its description and what reads it: what the factories return. */
record DescribedSource(String describe, Reader reader) implements PasswordSource {

    /** {@link PasswordSource#read()} as a lambda. */
    @FunctionalInterface
    interface Reader {
        char[] read() throws PfxkitException;
    }

    @Override
    public char[] read() throws PfxkitException {
        return reader.read();
    }
}
