package org.pfxkit.convert;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;
import org.pfxkit.shared.io.OutputBatch;
import org.pfxkit.shared.keys.Assembly;
import org.pfxkit.shared.keys.KeyMaterial;
import org.pfxkit.shared.keys.KeyPairing;
import org.pfxkit.shared.pem.MaterialReader;
import org.pfxkit.shared.pem.ParsedFile;
import org.pfxkit.shared.pem.ParsedFile.Located;
import org.pfxkit.shared.secret.PasswordSource;
import org.pfxkit.shared.store.PfxOptions;
import org.pfxkit.shared.store.PfxWriter;

/**
 * PEM in, PFX out: reads the given files by content, pairs the key with its certificate and orders the chain
 * ({@link KeyPairing}, the one place that does it; certificates outside the leaf's chain follow it), writes the PFX
 * and, when no password was given, a generated one in a {@code .pwd} file beside it, both as one atomic step.
 * Library code: it prints nothing.
 */
public final class Conversion {
    private static final String KEY_PASSWORD_OPTIONS =
            "--key-password-file FILE (its first line) or --key-password-env VAR";
    // No look-alike characters (0/O, 1/l/I) and nothing a shell or a Windows batch file would interpret.
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What to convert.
     *
     * @param inputs        the PEM or DER files, in any order
     * @param keyPassword   read only when an encrypted key is met; null: asked on the terminal, naming the key's file
     * @param storePassword the PFX password; null means generate one and write it to the {@code .pwd} file
     * @param out           the PFX path, or a folder to write it into; null for the leaf's file name with
     *                      {@code .pfx} beside it
     */
    public record Request(List<Path> inputs, PasswordSource keyPassword, PasswordSource storePassword, Path out,
                          PfxOptions options, boolean force) {
        public Request {
            inputs = List.copyOf(inputs);
            Objects.requireNonNull(options, "options");
        }
    }

    /**
     * What was written; never the password itself.
     *
     * @param unrelated      given certificates that are not in the leaf's chain (written too, after it)
     * @param passwordFile   the generated {@code .pwd} file, or null when the password came from elsewhere
     * @param passwordOrigin where the password is, for the summary ("password file '...'", "the empty password")
     */
    public record Result(KeyMaterial material, List<ParsedFile> inputs, List<Located<X509Certificate>> unrelated,
                         PfxOptions options, Path pfx, Path passwordFile, String passwordOrigin,
                         boolean emptyPassword, List<Path> written) {
        public Result {
            inputs = List.copyOf(inputs);
            unrelated = List.copyOf(unrelated);
            written = List.copyOf(written);
        }

        /** The certificates the PFX holds, leaf first. */
        public List<X509Certificate> writtenChain() {
            return options.includeChain() ? material.chain() : List.of(material.leaf());
        }
    }

    private Conversion() {
    }

    public static Result run(Request request) throws PfxkitException {
        if (request.inputs().isEmpty()) {
            throw new PfxkitException(Problem.BAD_USAGE, "no input files were given",
                    "name the private key and the certificate: pfxconvert private.pem public.pem");
        }
        List<ParsedFile> parsed = new ArrayList<>();
        for (Path input : request.inputs()) {
            // Without a given passphrase, an encrypted key is asked for on the terminal, naming its file; without a
            // terminal, the prompt throws the one PfxkitException.passwordRequired.
            parsed.add(MaterialReader.read(input, request.keyPassword() != null ? request.keyPassword()
                    : PasswordSource.prompt("Passphrase for the private key in '" + input + "': ",
                            "the encrypted private key in '" + input + "'", KEY_PASSWORD_OPTIONS)));
        }
        Assembly assembly = KeyPairing.assembleReport(parsed);
        // public.pem gives public.pfx: the file the leaf certificate came from.
        Path besideLeaf = withExtension(assembly.leaf().file(), ".pfx");
        Path pfx = request.out() == null ? besideLeaf : OutputPath.target(request.out(), besideLeaf);
        pfx = pfx.toAbsolutePath().normalize();
        return write(assembly, parsed, pfx, request);
    }

    private static Result write(Assembly assembly, List<ParsedFile> parsed, Path pfx, Request request)
            throws PfxkitException {
        KeyMaterial material = assembly.material();
        boolean generated = request.storePassword() == null;
        char[] password = generated ? generatedPassword() : request.storePassword().read();
        byte[] passwordLine = null;
        try {
            requireAscii(password, request.storePassword());
            // The empty password is known to everyone: more iterations would slow down nobody but the user.
            PfxOptions options = request.options().forPassword(generated || password.length == 0);
            JdkCheck.requireReadable(options.includeChain() ? material.chain() : List.of(material.leaf()), parsed);
            byte[] bytes = PfxWriter.write(material, password, options);
            // Checked before anything is renamed into place: a file the JDK cannot open is never left behind.
            // The JDK follows issuer links from the leaf, so it sees the linked chain, not unrelated extras.
            JdkCheck.verify(bytes, password, material.leaf(),
                    options.includeChain() ? assembly.linkedChain().size() : 1);
            // Owner-only whatever the umask: a PFX holds the private key, and with --no-password it is the key.
            OutputBatch batch = new OutputBatch().addSecret(pfx, bytes);
            Path passwordFile = null;
            if (generated) {
                passwordFile = PasswordSource.besideStore(pfx);
                passwordLine = utf8Line(password);
                batch.addSecret(passwordFile, passwordLine);
            }
            List<Path> written = batch.commit(request.force());
            String origin = generated ? "password file '" + passwordFile + "'" : request.storePassword().describe();
            List<Located<X509Certificate>> unrelated = options.includeChain() ? assembly.unrelated() : List.of();
            return new Result(material, parsed, unrelated, options, pfx, passwordFile, origin, password.length == 0,
                    written);
        } finally {
            Arrays.fill(password, '\0');
            if (passwordLine != null) {
                Arrays.fill(passwordLine, (byte) 0);
            }
        }
    }

    /** The password of a generated {@code .pwd}: 24 characters from a 57-letter alphabet, about 140 bits. */
    static char[] generatedPassword() {
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return password;
    }

    static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }

    /**
     * JDK 17's PKCS#12 KeyStore refuses non-ASCII passwords for PBES2 ("Password is not ASCII", PBEKey), and openssl
     * before 1.1.0 encodes them differently from Windows; Java servers are a main target, so we refuse rather than
     * write a file they cannot open.
     */
    private static void requireAscii(char[] password, PasswordSource source) throws PfxkitException {
        if (CharBuffer.wrap(password).chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new PfxkitException(Problem.BAD_USAGE, "the password from " + source.describe()
                    + " contains a character outside printable ASCII, which Java's PKCS#12 reader cannot open",
                    "use letters, digits and punctuation only, or omit the password options to get a "
                            + "generated one in a .pwd file");
        }
    }

    private static byte[] utf8Line(char[] password) {
        var encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] line = new byte[encoded.remaining() + 1];
        encoded.get(line, 0, line.length - 1);
        line[line.length - 1] = '\n';
        Arrays.fill(encoded.array(), (byte) 0);
        return line;
    }
}
