package org.pfxkit.shared.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a real outside tool (openssl, keytool, certtool, gnutls-cli, tclsh, python3) for interop tests. When the tool
 * is missing the test is skipped, unless {@code -Dpfxkit.interop=required} (CI), where it fails.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public Result assertSuccess() {
            Assertions.assertEquals(0, exitCode, () -> "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n"
                    + stderr);
            return this;
        }

        public String output() {
            return stdout + stderr;
        }
    }

    public static boolean interopRequired() {
        return "required".equals(System.getProperty("pfxkit.interop"));
    }

    /** Absolute path of an executable on PATH (or an absolute path given), skipping or failing the test if absent. */
    public static String require(String executable) {
        Path found = find(executable);
        String why = executable + " is not installed (see .ci/run for the Debian package)";
        if (found == null) {
            if (interopRequired()) {
                Assertions.fail(why + "; -Dpfxkit.interop=required forbids skipping");
            }
            Assumptions.assumeTrue(false, why);
        }
        return found.toString();
    }

    /** Skips or fails (per pfxkit.interop) unless the condition holds; for capabilities beyond "on PATH". */
    public static void requireThat(boolean condition, String what) {
        if (!condition) {
            if (interopRequired()) {
                Assertions.fail(what + "; -Dpfxkit.interop=required forbids skipping");
            }
            Assumptions.assumeTrue(false, what);
        }
    }

    public static Path find(String executable) {
        if (executable.startsWith("/")) {
            Path p = Path.of(executable);
            return Files.isExecutable(p) ? p : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, executable);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    public static Result run(List<String> command) {
        return run(command, null, null, Map.of(), 60);
    }

    public static Result run(String... command) {
        return run(List.of(command));
    }

    /** Runs with optional working folder, standard input and extra environment; kills it after the timeout. */
    public static Result run(List<String> command, Path workDir, String stdin, Map<String, String> env,
                             int timeoutSeconds) {
        List<String> cmd = new ArrayList<>(command);
        cmd.set(0, require(cmd.get(0)));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Assertions.fail(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
