package org.pfxkit.shared.secret;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

/**
 * Where a password comes from: a file, an environment variable, a prompt without echo, standard input, or an explicit
 * empty password. Never the command line. Each call to {@link #read()} returns a fresh array the caller zeroes after
 * use. {@link #describe()} names the source for messages without ever revealing the secret.
 */
public interface PasswordSource {
    /** The options every command takes for a store's password, as hints name them. */
    String STORE_PASSWORD_OPTIONS = "--password-file FILE, --password-env VAR or --password-stdin";

    /** Reads the password. The caller owns the array and should {@link Arrays#fill(char[], char) zero} it. */
    char[] read() throws PfxkitException;

    /** Names the source for a message, e.g. {@code "password file 'cert.pwd'"}. Never contains the secret. */
    String describe();

    /**
     * The first line of a file, without its line ending: the {@code cert.pwd} convention of the TWAPI recipe. A UTF-8
     * byte-order mark is dropped (Notepad writes one).
     */
    static PasswordSource file(Path file) {
        Objects.requireNonNull(file, "file");
        return new DescribedSource("password file '" + file + "'", () -> {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new PfxkitException(Problem.FILE_NOT_FOUND, "password file '" + file + "' does not exist",
                        "check the path, or give the password another way (--password-env VAR, or a prompt)");
            } catch (IOException e) {
                throw new PfxkitException(Problem.PASSWORD_SOURCE, "cannot read password file '" + file + "': "
                        + e.getMessage(), "check the file's permissions");
            }
            try {
                return firstLine(bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        });
    }

    /** The value of an environment variable; an unset variable is an error, an empty one the empty password. */
    static PasswordSource env(String variable) {
        return env(variable, "--password-env", "--password-file FILE", System::getenv);
    }

    /**
     * As {@link #env(String)} for any option, with an injectable environment for tests. The variable is read only
     * when the password is; unset, it is reported with {@code option} and, in the hint, {@code otherWay}.
     */
    static PasswordSource env(String variable, String option, String otherWay,
                              java.util.function.Function<String, String> environment) {
        Objects.requireNonNull(variable, "variable");
        return new DescribedSource("environment variable " + variable, () -> {
            String value = environment.apply(variable);
            if (value == null) {
                throw new PfxkitException(Problem.PASSWORD_SOURCE, "environment variable " + variable + " ("
                        + option + ") is not set", "export " + variable + "=... before running, or use " + otherWay);
            }
            return value.toCharArray();
        });
    }

    /**
     * A prompt on the terminal without echo; without a terminal, {@link PfxkitException#passwordRequired}.
     *
     * @param what      what needs the password, for the message, e.g. {@code "the private key in 'key.pem'"}
     * @param howToGive the options that give it instead, for the hint
     */
    static PasswordSource prompt(String prompt, String what, String howToGive) {
        Objects.requireNonNull(prompt, "prompt");
        return new DescribedSource("terminal prompt", () -> {
            Console console = System.console();
            // isTerminal: a JDK may hand out a Console whose input is redirected; it would read a pipe.
            if (console == null || !console.isTerminal()) {
                throw PfxkitException.passwordRequired(what, howToGive);
            }
            char[] password = console.readPassword("%s", prompt);
            if (password == null) {
                throw new PfxkitException(Problem.PASSWORD_SOURCE, "no password was entered (end of input)",
                        "type the password and press Enter, or use --password-file FILE");
            }
            return password;
        });
    }

    /** The first line of a stream (standard input for {@code --password-stdin}). Read once; later reads repeat it. */
    static PasswordSource stream(InputStream in, String name) {
        Objects.requireNonNull(in, "in");
        return new PasswordSource() {
            private char[] cached;

            @Override
            public synchronized char[] read() throws PfxkitException {
                if (cached == null) {
                    try {
                        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                        String line = reader.readLine();
                        if (line == null) {
                            throw new PfxkitException(Problem.PASSWORD_SOURCE, name + " was empty: no password line",
                                    "pipe the password followed by a newline");
                        }
                        cached = line.toCharArray();
                    } catch (IOException e) {
                        throw new PfxkitException(Problem.PASSWORD_SOURCE, "cannot read " + name + ": "
                                + e.getMessage(), null);
                    }
                }
                return cached.clone();
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    /** The explicit empty password. There is never a silent default: callers choose this on purpose. */
    static PasswordSource none() {
        // Messages say "the empty password from " + describe(): naming the choice, not the password again.
        return new DescribedSource("the no-password choice", () -> new char[0]);
    }

    /** A password already held in memory (the embedding API and tests); the array is copied. */
    static PasswordSource of(char[] password) {
        char[] copy = password.clone();
        return new DescribedSource("a password given by the application", copy::clone);
    }

    /**
     * The {@code .pwd} file beside a store ({@code cert.pfx} gives {@code cert.pwd}), the seed's convention. The
     * returned path may not exist.
     */
    static Path besideStore(Path store) {
        String name = store.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return store.resolveSibling(base + ".pwd");
    }

    private static char[] firstLine(byte[] bytes) {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
            end++;
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, start, end - start));
        char[] result = new char[chars.remaining()];
        chars.get(result);
        Arrays.fill(chars.array(), '\0');
        return result;
    }
}
