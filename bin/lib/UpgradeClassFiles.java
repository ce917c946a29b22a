import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites, in place, every class of a jar whose class file predates Java 6 (major version below 50) as a Java 8
 * class file, its stack maps computed by the JDK's ClassFile API (JEP 484). Run by the build's package phase on the
 * tool jars, before the AOT training run (root pom, execution "upgrade-class-files"):
 * {@code java bin/lib/UpgradeClassFiles.java JAR}.
 *
 * <p>Why: the released picocli jar is compiled for Java 5. JDK 25 cannot keep such classes in an AOT cache (the
 * training run logs "Skipping picocli/...: Old class has been linked"), so every start read picocli's 176 classes
 * from the jar and verified them with the old type-inferencing verifier. Upgraded, they go into the cache like every
 * other class: pfxconvert's whole run is 15 % shorter (docs/performance.md, issue 9). The bytecode is not changed,
 * only the version and the stack maps the newer verifier needs; a class whose stack maps cannot be computed fails the
 * build here, not at run time.
 */
public final class UpgradeClassFiles {
    private static final int FIRST_VERSION_WITH_STACK_MAPS = 50;
    private static final int JAVA_8 = 52;

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || args[0].startsWith("-")) {
            System.out.println("usage: java bin/lib/UpgradeClassFiles.java JAR   (rewrites JAR's pre-Java-6 classes)");
            System.exit(args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
        }
        Path jar = Path.of(args[0]);
        Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgraded");
        int count;
        try {
            count = rewrite(jar, upgraded);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(upgraded); // the jar itself is untouched until the move below
            System.err.println("upgrade-class-files: cannot rewrite " + jar + ": " + e);
            System.err.println(e instanceof java.nio.file.NoSuchFileException
                    ? "hint: build the jar first (the shade plugin writes it in the same package phase)"
                    : "hint: a class whose stack maps cannot be computed; run the build with -Dpfxkit.upgrade.skip=true "
                            + "to leave the jar as it is, and report the class named above");
            System.exit(e instanceof IOException ? 3 : 70);
            return;
        }
        Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("upgrade-class-files: " + count + " classes of " + jar.getFileName()
                + " rewritten as Java 8 class files");
    }

    /** Writes {@code upgraded}: the jar's entries in order, its pre-Java-6 classes upgraded; returns how many. */
    private static int rewrite(Path jar, Path upgraded) throws IOException {
        int count = 0;
        try (URLClassLoader jarClasses = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(upgraded))) {
            // Stack maps need the common superclass of two types at a branch: from the JDK, else from the jar.
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofClassLoading(jarClasses))));
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    ClassModel model = classFile.parse(bytes);
                    if (model.majorVersion() < FIRST_VERSION_WITH_STACK_MAPS) {
                        bytes = upgrade(classFile, model);
                        count++;
                    }
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
            }
        }
        return count;
    }

    /** The same class at version 52; rebuilding each method's code is what makes the ClassFile API add stack maps. */
    private static byte[] upgrade(ClassFile classFile, ClassModel model) {
        return classFile.transformClass(model, (builder, element) -> {
            if (element instanceof ClassFileVersion) {
                builder.withVersion(JAVA_8, 0);
            } else if (element instanceof MethodModel method) {
                builder.transformMethod(method, MethodTransform.transformingCode(CodeTransform.ACCEPT_ALL));
            } else {
                builder.with(element);
            }
        });
    }
}
