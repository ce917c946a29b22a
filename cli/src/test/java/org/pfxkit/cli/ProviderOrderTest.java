package org.pfxkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider list is read once per JVM, so each case runs {@link Probe} in a JVM of its own that logs every class
 * it loads.
 */
class ProviderOrderTest {
    @TempDir
    Path dir;

    @Test
    void withTheJdksListThePbeLookupsNeverLoadSunEcAndEcStillWorks() throws Exception {
        List<String> out = probe();
        assertEquals("changed=true", out.get(0));
        assertEquals("pbe=SunJCE", out.get(1));
        assertTrue(out.indexOf("loaded=false") == 2, "SunEC was loaded by a PBE lookup: " + out);
        assertEquals("ec=SunEC", out.get(3));
        assertEquals("order=SUN,SunRsaSign,SunJCE,SunEC,SunJSSE", out.get(4));
    }

    @Test
    void onTheWarmUpThreadTheMainThreadWaitsForTheOrderBeforeItsFirstLookup() throws Exception {
        List<String> out = probe("-Dprobe.mode=background");
        assertEquals("changed=true", out.get(0));
        assertEquals("loaded=false", out.get(2), String.valueOf(out));
        assertEquals("order=SUN,SunRsaSign,SunJCE,SunEC,SunJSSE", out.get(4));
    }

    @Test
    void aListOtherThanTheJdksIsLeftAsItIs() throws Exception {
        Path site = Files.writeString(dir.resolve("site.security"),
                "security.provider.3=SunJSSE\nsecurity.provider.4=SunEC\n", StandardCharsets.ISO_8859_1);
        List<String> out = probe("-Djava.security.properties=" + site);
        assertEquals("changed=false", out.get(0));
        assertEquals("order=SUN,SunRsaSign,SunJSSE,SunEC,SunJCE", out.get(4));
    }

    @Test
    void withoutTheCallTheJdkLoadsSunEcForAPbeLookup() throws Exception {
        // The premise the class rests on: if a JDK stops doing this, the reordering has no purpose.
        List<String> out = probe("-Dprobe.mode=skip");
        assertFalse(out.contains("loaded=false"), String.valueOf(out));
    }

    private List<String> probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-verbose:class", "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join("\n", lines));
        // -verbose:class lines start with '['; the probe's own lines do not.
        List<String> answers = new ArrayList<>();
        boolean sunEcLoaded = false;
        for (String line : lines) {
            if (line.startsWith("[")) {
                sunEcLoaded |= line.contains(" sun.security.ec.SunEC ") && answers.size() < 2;
            } else {
                answers.add(line);
            }
        }
        answers.add(2, "loaded=" + sunEcLoaded);
        return answers;
    }

    /** Runs in the child JVM. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            boolean changed = switch (System.getProperty("probe.mode", "direct")) {
                case "skip" -> false;
                case "background" -> {
                    StartupWarmUp.inBackground(ProviderOrder.settleInBackground());
                    ProviderOrder.awaitSettled();
                    yield "SunJCE".equals(Security.getProperty("security.provider.3"));
                }
                default -> ProviderOrder.sunJceBeforeSunEc();
            };
            System.out.println("changed=" + changed);
            SecretKeyFactory.getInstance("PBE");
            System.out.println("pbe=" + Cipher.getInstance("PBEWithHmacSHA256AndAES_256").getProvider().getName());
            System.out.println("ec=" + KeyFactory.getInstance("EC").getProvider().getName());
            List<String> names = new ArrayList<>();
            for (Provider provider : Security.getProviders()) {
                names.add(provider.getName());
            }
            System.out.println("order=" + String.join(",", names.subList(0, 5)));
        }
    }
}
