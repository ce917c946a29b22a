package org.pfxkit.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pfxkit.convert.Interop.assertContains;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pfxkit.cli.CommandRunner;
import org.pfxkit.shared.testing.HelpText;

import picocli.CommandLine;

class DemoAndHelpTest {
    @TempDir
    Path dir;

    @Test
    void theDemoMakesALocalhostKeyAndCertificateAndConvertsThemWithNoInput() {
        Pfxconvert.Run run = Pfxconvert.run("--demo", "--out", dir.resolve("demo.pfx").toString()).assertOk();
        assertEquals(List.of("demo.pfx", "demo.pwd", "localhost.crt", "localhost.key"), Pfxconvert.listing(dir));
        assertContains(run.out(), "subject     CN=localhost");
        assertContains(run.out(), "key         EC P-256");
        assertContains(run.out(), "Demo folder: " + dir);
    }

    @Test
    void theDemoWithJsonPrintsOneObjectAndNothingElse() throws Exception {
        Pfxconvert.Run run = Pfxconvert.run("--demo", "--json", "--out", dir.toString()).assertOk();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(run.out());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals(dir.resolve("localhost.pfx").toString(), json.get("pfx").asText());
        assertEquals(List.of("localhost.crt", "localhost.key", "localhost.pfx", "localhost.pwd"),
                Pfxconvert.listing(dir));
    }

    @Test
    void helpShowsExamplesAndExitCodes() {
        Pfxconvert.Run run = Pfxconvert.run("--help").assertOk();
        assertContains(run.out(), "Examples:");
        assertContains(run.out(), "pfxconvert private.pem public.pem");
        assertContains(run.out(), "--to-pem");
        assertContains(run.out(), "Exit codes:");
        // Exit 1 means "nothing found", which only a finder (certfind) returns.
        assertFalse(run.out().contains("nothing found"), run.out());
        assertContains(run.out(), "bad usage or bad input");
    }

    @Test
    void completionOffersTheProfilesInLowercaseAsTheDocsWriteThem() {
        CommandLine.Model.OptionSpec profile = CommandRunner.commandLine(new PfxConvertCommand()).getCommandSpec()
                .findOption("--profile");
        List<String> candidates = new ArrayList<>();
        profile.completionCandidates().forEach(candidates::add);
        assertEquals(List.of("modern", "legacy"), candidates);
    }

    @Test
    void versionNamesTheToolAndTheJavaRuntime() {
        Pfxconvert.Run run = Pfxconvert.run("--version").assertOk();
        assertTrue(run.out().startsWith("pfxconvert (pfxkit) "), run.out());
        assertContains(run.out(), "Java ");
    }

    @Test
    void anUnknownOptionIsABadUsageWithAHint() {
        Pfxconvert.Run run = Pfxconvert.run("--frobnicate").assertFails(2);
        assertContains(run.err(), "hint: see 'pfxconvert --help'");
    }

    @Test
    void toPemAndDemoTogetherAreABadUsage() {
        Pfxconvert.run("--to-pem", "--demo").assertFails(2);
    }

    @Test
    void bashCompletionFromTheCommandModelOffersEveryFixedOptionAndTheProfileNames() {
        String script = picocli.AutoComplete.bash("pfxconvert",
                org.pfxkit.cli.CommandRunner.commandLine(new PfxConvertCommand()));
        for (String option : List.of("--out", "--password-file", "--password-env", "--key-password-file", "--force",
                "--profile", "--name", "--json", "--to-pem")) {
            assertContains(script, option);
        }
        assertContains(script, "(\"modern\" \"legacy\")");
    }

    @Test
    void helpBreaksNoFileNameAtItsDotAtAnyTerminalWidth() {
        HelpText.assertNoWordBrokenAtADot(width -> {
            CommandLine cl = CommandRunner.commandLine(new PfxConvertCommand());
            StringBuilder help = new StringBuilder();
            for (CommandLine command : Stream.concat(Stream.of(cl), cl.getSubcommands().values().stream()).toList()) {
                command.setUsageHelpAutoWidth(false);
                command.setUsageHelpWidth(width);
                help.append(command.getUsageMessage(CommandLine.Help.Ansi.OFF));
            }
            return help.toString();
        });
    }

    @Test
    void theCommandLineIsReadWithoutAnnotationProxies() {
        HelpText.assertModelNeedsNoAnnotationProxies(PfxConvertMain.class);
    }
}
