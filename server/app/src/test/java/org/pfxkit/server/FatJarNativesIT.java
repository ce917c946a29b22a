package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged pfxkit-server.jar carries BoringSSL for every platform netty-tcnative ships, so the plain jar gets the
 * same TLS engine on macOS and Windows as on Linux. Entry names are those netty's NativeLibraryLoader looks for
 * (META-INF/native/ + the platform's mapped library name); the first bytes tell a real library from a placeholder.
 */
class FatJarNativesIT {
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
    // Mach-O 64-bit, little-endian (both x86-64 and arm64): MH_MAGIC_64 0xfeedfacf as stored.
    private static final byte[] MACH_O_64 = {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe};
    private static final byte[] PE = {'M', 'Z'};

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "linux-x86_64,   libnetty_tcnative_linux_x86_64.so,    ELF",
        "linux-aarch_64, libnetty_tcnative_linux_aarch_64.so,  ELF",
        "osx-x86_64,     libnetty_tcnative_osx_x86_64.jnilib,  MACH_O_64",
        "osx-aarch_64,   libnetty_tcnative_osx_aarch_64.jnilib, MACH_O_64",
        "windows-x86_64, netty_tcnative_windows_x86_64.dll,    PE",
    })
    void carriesBoringSslFor(String platform, String library, String format) throws IOException {
        Path jar = Path.of(System.getProperty("pfxkit.serverJar", "target/pfxkit-server.jar"));
        assertTrue(Files.isRegularFile(jar), "the fat jar is made in the package phase: " + jar.toAbsolutePath());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("META-INF/native/" + library);
            assertNotNull(entry, platform + ": META-INF/native/" + library + " is missing from " + jar);
            byte[] magic = switch (format) {
                case "ELF" -> ELF;
                case "MACH_O_64" -> MACH_O_64;
                case "PE" -> PE;
                default -> throw new IllegalArgumentException(format);
            };
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] start = in.readNBytes(magic.length);
                assertArrayEquals(magic, start, platform + ": " + library + " starts with "
                        + HexFormat.of().formatHex(start) + ", not a " + format + " library");
            }
            // A static BoringSSL is a few MB on every platform; a stub or a truncated copy is far smaller.
            assertTrue(entry.getSize() > 1_000_000, platform + ": " + library + " is only " + entry.getSize()
                    + " bytes");
        }
    }
}
