package org.pfxkit.convert;

import java.nio.file.Files;
import java.nio.file.Path;

import org.pfxkit.shared.error.PfxkitException;
import org.pfxkit.shared.error.Problem;

import picocli.CommandLine.ITypeConverter;

/**
 * What {@code --out} names: a file, or a folder to write into. A trailing slash means a folder, as it does to the
 * shell and to cp(1), but {@link Path#of} drops it; the converter keeps it as a last {@code "."} element, which
 * {@link Path} does not normalise away.
 */
public final class OutputPath implements ITypeConverter<Path> {

    /** Parses {@code --out}: {@code newdir/} becomes {@code newdir/.}, anything else the path as typed. */
    @Override
    public Path convert(String value) {
        Path path = Path.of(value);
        boolean folder = value.endsWith("/") || value.endsWith(path.getFileSystem().getSeparator());
        return folder && path.getFileName() != null ? path.resolve(".") : path;
    }

    /**
     * The file to write: {@code defaultName} inside {@code out} when it names a folder (an existing one, or one typed
     * with a trailing slash, which must then exist), else {@code out} itself, exactly as typed.
     *
     * @throws PfxkitException {@link Problem#OUTPUT_FAILED} for a folder that does not exist: writing a file of that
     *                         name instead would surprise
     */
    static Path target(Path out, Path defaultName) throws PfxkitException {
        if (Files.isDirectory(out)) {
            return out.resolve(defaultName.getFileName()).normalize();
        }
        Path name = out.getFileName();
        if (name != null && name.toString().equals(".")) {
            Path folder = out.getParent() == null ? out : out.getParent();
            throw new PfxkitException(Problem.OUTPUT_FAILED, "cannot write into folder '" + folder
                    + "/': it does not exist; nothing was written",
                    "create it first (mkdir -p " + folder + "), or give --out without the trailing slash for a "
                            + "file name");
        }
        return out;
    }
}
