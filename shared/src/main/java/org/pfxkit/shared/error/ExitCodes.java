package org.pfxkit.shared.error;

/** Process exit codes shared by every pfxkit command (sysexits-style where one exists). */
public final class ExitCodes {
    public static final int OK = 0;
    /** A finder found nothing; not an error. */
    public static final int NOT_FOUND = 1;
    public static final int BAD_INPUT = 2;
    public static final int ENVIRONMENT = 3;
    /** EX_SOFTWARE from sysexits.h: a bug of ours. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
