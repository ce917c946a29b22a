package org.pfxkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The library's boundary: its module exports org.pfxkit.server alone and requires nothing of the app (picocli,
 * Jackson), and no public signature of the API names a Netty type, so Netty can change under it.
 */
class ApiBoundaryTest {
    @Test
    void theModuleExportsOnlyTheApiPackageAndRequiresNoAppLibrary() throws Exception {
        ModuleDescriptor descriptor;
        try (InputStream in = TlsServer.class.getResourceAsStream("/module-info.class")) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("org.pfxkit.server", descriptor.name());
        assertEquals(Set.of("org.pfxkit.server"), descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()));
        assertTrue(descriptor.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
        assertTrue(descriptor.opens().isEmpty());
        for (ModuleDescriptor.Requires requires : descriptor.requires()) {
            String name = requires.name();
            assertFalse(name.contains("picocli") || name.contains("jackson") || name.contains("pfxkit.cli"), name);
        }
    }

    @Test
    void noPublicSignatureOfTheApiNamesANettyType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : apiClasses()) {
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            check(leaks, type.getName() + " extends", type.getGenericSuperclass());
            for (Type i : type.getGenericInterfaces()) {
                check(leaks, type.getName() + " implements", i);
            }
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
                    check(leaks, m.toGenericString(), m.getGenericReturnType());
                    checkExecutable(leaks, m);
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers())) {
                    checkExecutable(leaks, c);
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) {
                    check(leaks, f.toGenericString(), f.getGenericType());
                }
            }
            if (type.isRecord()) {
                for (RecordComponent r : type.getRecordComponents()) {
                    check(leaks, type.getName() + "." + r.getName(), r.getGenericType());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static void checkExecutable(List<String> leaks, Executable e) {
        for (Type p : e.getGenericParameterTypes()) {
            check(leaks, e.toGenericString(), p);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(leaks, e.toGenericString(), x);
        }
    }

    private static void check(List<String> leaks, String where, Type type) {
        if (type != null && type.getTypeName().contains("io.netty.")) {
            leaks.add(where + ": " + type.getTypeName());
        }
    }

    /** Every class of the package org.pfxkit.server (not internal), read from where the library's classes are. */
    private static List<Class<?>> apiClasses() throws Exception {
        URI location = TlsServer.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        Path root = Path.of(location);
        FileSystem jar = Files.isDirectory(root) ? null : FileSystems.newFileSystem(root, Map.of());
        try {
            Path dir = (jar == null ? root : jar.getPath("/")).resolve("org/pfxkit/server");
            List<Class<?>> classes = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String simple = f.getFileName().toString().replace(".class", "");
                    classes.add(Class.forName("org.pfxkit.server." + simple, false,
                            TlsServer.class.getClassLoader()));
                }
            }
            assertTrue(classes.size() > 10, "found the API classes");
            return classes;
        } finally {
            if (jar != null) {
                jar.close();
            }
        }
    }
}
