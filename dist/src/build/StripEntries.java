import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar without the entries whose names match a regular expression, keeping the others in order with their
 * times (the release archive stays reproducible). Run by dist/build-release with the JDK's source launcher:
 * {@code java StripEntries.java IN OUT REGEX}. Needs nothing but the JDK (no zip(1) on a fresh build machine).
 */
public final class StripEntries {
    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Pattern drop = Pattern.compile(args[2]);
        int dropped = 0;
        try (ZipFile zip = new ZipFile(in.toFile());
             OutputStream file = Files.newOutputStream(out);
             ZipOutputStream jar = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (drop.matcher(entry.getName()).matches()) {
                    dropped++;
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry);
                copy.setCompressedSize(-1);   // recompressed: the size in the source need not match ours
                jar.putNextEntry(copy);
                try (var data = zip.getInputStream(entry)) {
                    data.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        if (dropped == 0) {
            throw new IllegalStateException("no entry of " + in + " matches " + drop + ": nothing to strip");
        }
        System.out.println("stripped " + dropped + " entries from " + in.getFileName());
    }
}
