package org.pfxkit.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every script under bin/ and bench/ answers --help with a usage text and exit 0, and does nothing else: run in a copy
 * of those folders (no jar built, so a launcher that built on --help would show) with a HOME of its own, nothing new
 * appears in either, and no process is left running.
 */
class ScriptsHelpTest {
    /** Sourced or called by the launchers, not run by people. */
    private static final Set<String> INTERNAL = Set.of("bin/lib/launch.sh", "bin/lib/find-java25.sh");
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "work", "out");

    @TempDir
    Path temp;

    @Test
    void everyScriptAnswersHelpWithoutSideEffects() throws Exception {
        Path repository = Path.of(System.getProperty("pfxkit.root", "..")).toAbsolutePath().normalize();
        Path copy = temp.resolve("clone");
        Path home = Files.createDirectories(temp.resolve("home"));
        for (String folder : List.of("bin", "bench")) {
            copyTree(repository.resolve(folder), copy.resolve(folder));
        }
        List<String> scripts = scripts(copy);
        assertTrue(scripts.containsAll(List.of("bin/pfxconvert", "bin/certfind", "bin/pfxkit-server", "bin/mvn",
                "bin/install", "bench/run-tools", "bench/server/run", "bin/lib/aot-train.sh",
                "bench/server/echo_server.tcl")), scripts::toString);
        List<String> before = listing(copy, home);

        for (String script : scripts) {
            List<String> command = new ArrayList<>();
            if (script.endsWith(".tcl")) {
                command.add(ExternalTool.require("tclsh"));
            }
            command.add(copy.resolve(script).toString());
            command.add("--help");
            ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile());
            builder.environment().put("HOME", home.toString());
            Process process = builder.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " --help did not end");
            assertEquals(0, process.exitValue(), () -> script + " --help:\n" + output);
            assertTrue(output.toLowerCase(Locale.ROOT).contains("usage"), () -> script + " --help:\n" + output);
        }

        assertEquals(before, listing(copy, home), "--help built, wrote or installed something");
        List<String> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(copy.toString())).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertEquals(List.of(), left, "processes left running by --help");
    }

    /** Executable files, and the Tcl server that bench/server/run starts with tclsh. */
    private static List<String> scripts(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> Files.isExecutable(f) || f.toString().endsWith(".tcl"))
                    .map(f -> root.relativize(f).toString())
                    .filter(name -> !INTERNAL.contains(name))
                    .sorted().toList();
        }
    }

    private static List<String> listing(Path... roots) throws IOException {
        List<String> all = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.map(Path::toString).sorted().forEach(all::add);
            }
        }
        return all;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(f -> from.relativize(f).toString().isEmpty() || !skipped(from.relativize(f)))
                    .forEach(f -> {
                        Path target = to.resolve(from.relativize(f).toString());
                        try {
                            if (Files.isDirectory(f)) {
                                Files.createDirectories(target);
                            } else {
                                Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }
}
