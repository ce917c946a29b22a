package org.pfxkit.shared.error;

/**
 * Every failure pfxkit reports, with a stable code that scripts and docs may rely on and the process exit code it
 * maps to. Codes are never renamed; new ones are added at the end of their group.
 */
public enum Problem {
    // 2: bad usage or bad input
    BAD_USAGE(ExitCodes.BAD_INPUT),
    FILE_NOT_FOUND(ExitCodes.BAD_INPUT),
    NOT_PEM(ExitCodes.BAD_INPUT),
    TRUNCATED(ExitCodes.BAD_INPUT),
    BAD_PEM(ExitCodes.BAD_INPUT),
    BAD_DER(ExitCodes.BAD_INPUT),
    UNEXPECTED_PKCS12(ExitCodes.BAD_INPUT),
    BAD_STORE(ExitCodes.BAD_INPUT),
    UNSUPPORTED_KEY(ExitCodes.BAD_INPUT),
    UNSUPPORTED_ALGORITHM(ExitCodes.BAD_INPUT),
    /** A password is needed, none was given, and there is no terminal: {@link PfxkitException#passwordRequired}. */
    PASSWORD_REQUIRED(ExitCodes.BAD_INPUT),
    BAD_PASSWORD(ExitCodes.BAD_INPUT),
    PASSWORD_SOURCE(ExitCodes.BAD_INPUT),
    NO_PRIVATE_KEY(ExitCodes.BAD_INPUT),
    NO_CERTIFICATE(ExitCodes.BAD_INPUT),
    TOO_MANY_KEYS(ExitCodes.BAD_INPUT),
    KEY_CERT_MISMATCH(ExitCodes.BAD_INPUT),
    CERTIFICATE_EXPIRED(ExitCodes.BAD_INPUT),
    CERTIFICATE_NOT_YET_VALID(ExitCodes.BAD_INPUT),
    NO_MATCHING_CERTIFICATE(ExitCodes.BAD_INPUT),
    CERTIFICATE_HAS_NO_KEY(ExitCodes.BAD_INPUT),
    NOT_READABLE_BY_JAVA(ExitCodes.BAD_INPUT),
    INSECURE_PROTOCOL(ExitCodes.BAD_INPUT),

    // 3: output or environment
    OUTPUT_EXISTS(ExitCodes.ENVIRONMENT),
    OUTPUT_FAILED(ExitCodes.ENVIRONMENT),
    /** No longer raised: a password needed with no terminal to ask on is {@link #PASSWORD_REQUIRED}, everywhere. */
    @Deprecated
    NO_TERMINAL(ExitCodes.ENVIRONMENT),
    ENVIRONMENT(ExitCodes.ENVIRONMENT),
    PORT_IN_USE(ExitCodes.ENVIRONMENT),

    // 70: a bug of ours
    INTERNAL(ExitCodes.INTERNAL);

    private final int exitCode;

    Problem(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code a command returns for this problem. */
    public int exitCode() {
        return exitCode;
    }
}
