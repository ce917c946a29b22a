package org.pfxkit.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.pfxkit.shared.error.ExitCodes;
import org.pfxkit.shared.error.PfxkitException;

/**
 * What every fuzz test (docs/fuzzing.md) shares: seeds built in code handed to a fuzzing run, the outside vectors
 * read where they lie, and the contract checks (only a PfxkitException that means "bad input" leaves a reader;
 * nothing is written to disk).
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /** True when jazzer-junit fuzzes ({@code JAZZER_FUZZ=1}, as bench/fuzz sets) rather than replaying inputs. */
    public static boolean fuzzing() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        return fuzz != null && !fuzz.isEmpty() && !fuzz.equals("0");
    }

    /**
     * In a fuzzing run, writes the seeds into jazzer-junit's generated corpus of one fuzz test
     * ({@code .cifuzz-corpus/CLASS/METHOD} under the module folder, ignored by git), where libFuzzer starts from.
     * In regression runs it writes nothing: the seeds are replayed in memory by the test class itself.
     */
    public static void offer(Class<?> test, String method, List<byte[]> seeds) {
        if (!fuzzing()) {
            return;
        }
        try {
            Path corpus = Path.of(".cifuzz-corpus", test.getName(), method);
            Files.createDirectories(corpus);
            for (byte[] seed : seeds) {
                Files.write(corpus.resolve("seed-" + sha1(seed)), seed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every outside vector under the given folders of ../shared/vectors with one of the suffixes; none if absent. */
    public static List<byte[]> vectors(List<String> folders, List<String> suffixes) {
        Path root = Vectors.location();
        List<byte[]> found = new ArrayList<>();
        for (String folder : folders) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (suffixes.stream().anyMatch(name::endsWith) && Files.size(file) <= 64 * 1024) {
                        found.add(Files.readAllBytes(file));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /**
     * The contract of a reader of outside bytes: it may refuse them only with a PfxkitException whose problem means
     * "bad input" (exit code 2); an INTERNAL or environment problem is a bug, and so is a RuntimeException of
     * pfxkit's own code hidden as the cause of a wrapped one.
     */
    public static void assertRefusedAsBadInput(PfxkitException e) {
        if (e.exitCode() != ExitCodes.BAD_INPUT) {
            fail("refused with " + e.problem() + " (exit " + e.exitCode() + ", not 2): " + e.getMessage(), e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException && cause.getStackTrace().length > 0
                && cause.getStackTrace()[0].getClassName().startsWith("org.pfxkit.")) {
            fail("pfxkit's own code threw " + cause + ", wrapped as " + e.problem(), cause);
        }
    }

    /**
     * Runs the action and asserts that the working folder gained or lost no file. The readers under fuzzing take
     * bytes and return objects, so they have no path to write to; this checks the one place a stray relative path
     * would land. (The temp folder is not checked: other processes on the machine write there at any time.)
     */
    public static void assertWritesNothing(Runnable action) {
        Path work = Path.of("").toAbsolutePath();
        Set<String> before = listing(work);
        action.run();
        assertEquals(before, listing(work), "files appeared or vanished in " + work);
    }

    private static Set<String> listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(byte[] seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(seed));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
