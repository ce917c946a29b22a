package org.pfxkit.shared.error;

import java.util.Objects;

/**
 * The one exception type of pfxkit. Its message says what went wrong and where (file, block, line, certificate); its
 * hint says how to fix it. Commands print {@code message} and {@code hint} and exit with {@link Problem#exitCode()}.
 */
public final class PfxkitException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Problem problem;
    private final String hint;

    public PfxkitException(Problem problem, String message, String hint) {
        this(problem, message, hint, null);
    }

    public PfxkitException(Problem problem, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.hint = hint;
    }

    public Problem problem() {
        return problem;
    }

    /** How to fix it, or null when the message says it all. */
    public String hint() {
        return hint;
    }

    public int exitCode() {
        return problem.exitCode();
    }

    /**
     * The one failure for "a password is needed, none was given, and there is no terminal to ask for it", whoever
     * meets it (an encrypted key, a store, any command): {@link Problem#PASSWORD_REQUIRED}, exit 2, one wording.
     *
     * @param what      what needs the password, e.g. {@code "store 'cert.pfx'"}
     * @param howToGive the options that give it, e.g. {@code "--password-file FILE or --password-env VAR"}
     */
    public static PfxkitException passwordRequired(String what, String howToGive) {
        return new PfxkitException(Problem.PASSWORD_REQUIRED, "cannot open " + what + ": a password is needed, none "
                + "was given, and there is no terminal to ask for it", "give it with " + howToGive);
    }

    /** Where a check fails by our own doing: a bug, reported with exit code 70. */
    public static PfxkitException internal(String what, Throwable cause) {
        return new PfxkitException(Problem.INTERNAL, "internal error: " + what,
                "this is a bug in pfxkit; please report it with the output of --verbose", cause);
    }
}
