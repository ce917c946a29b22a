package org.pfxkit.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks on a command's --help text. picocli wraps with the JDK's line BreakIterator, which allows a break after
 * every '.', so a file name such as {@code cert.pwd} in a description can come out as {@code cert.} and {@code pwd}
 * on two lines: a help text must not hold such a word where it wraps.
 */
public final class HelpText {
    /** A line ending in a dot, the next one going on with a lower-case letter or digit: a word cut after its dot. */
    private static final Pattern WORD_BROKEN_AT_A_DOT = Pattern.compile("(\\S*\\.)\\n\\s+([a-z0-9]\\S*)");

    private HelpText() {
    }

    /** The words broken at a dot in {@code help}, as "first half|second half". */
    public static List<String> wordsBrokenAtADot(String help) {
        List<String> broken = new ArrayList<>();
        Matcher m = WORD_BROKEN_AT_A_DOT.matcher(help.replace("\r\n", "\n"));
        while (m.find()) {
            broken.add(m.group(1) + "|" + m.group(2));
        }
        return broken;
    }

    /** No word is broken at a dot in the help rendered at each width from 80 to 160 columns (terminals vary). */
    public static void assertNoWordBrokenAtADot(IntFunction<String> helpAtWidth) {
        List<String> broken = new ArrayList<>();
        for (int width = 80; width <= 160; width++) {
            for (String word : wordsBrokenAtADot(helpAtWidth.apply(width))) {
                broken.add(width + ": " + word);
            }
        }
        assertEquals(List.of(), broken, "words broken at a dot, by help width");
    }

    /**
     * {@code mainClass --help} in a fresh JVM on this test's class path generates no class for an annotation: the
     * model is built in code (cli's CommandModel), because the JDK's AOT cache cannot hold the proxy classes that
     * reading picocli's annotations makes at every start.
     */
    public static void assertModelNeedsNoAnnotationProxies(Class<?> mainClass) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ExternalTool.Result result = ExternalTool.run(List.of(java, "-Xlog:class+load=info", "-cp",
                System.getProperty("java.class.path"), mainClass.getName(), "--help"), null, null, Map.of(), 120)
                .assertSuccess();
        assertFalse(result.stdout().contains("__dynamic_proxy__"), () -> result.stdout().lines()
                .filter(line -> line.contains("__dynamic_proxy__")).toList().toString());
    }
}
