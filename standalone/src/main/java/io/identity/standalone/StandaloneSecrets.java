package io.identity.standalone;

import io.identity.support.secrets.Secrets;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pepper and master keys of a standalone's data, kept next to it in {@code secrets.properties} (owner-only,
 * in an owner-only data directory): made at random on the first start, read on every later one. A secret given
 * from outside ({@code --identity.pepper=…}, {@code IDENTITY_PEPPER}) wins and is not written down.
 * <p>
 * A data directory made before the standalone kept secrets has a database whose passwords and sealed keys were
 * made with the old built-in values: when the file is missing but the database holds an event store, those values
 * are written into the file instead, so that the data keeps working, and the log says so.
 */
final class StandaloneSecrets {

    static final String FILE = "secrets.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Logger log = LoggerFactory.getLogger(StandaloneSecrets.class);

    private StandaloneSecrets() {}

    /**
     * The secrets the apps are not given from outside, by property name.
     *
     * @param existingData whether the database already holds data made by an earlier start (asked only when a
     *                     secret is missing from the file)
     */
    static Map<String, String> load(Path dataDir, StandaloneSettings settings, BooleanSupplier existingData)
            throws IOException {
        var needed = new TreeMap<String, String>();
        for (var name : new TreeMap<>(Secrets.LEGACY_VALUES).keySet()) {
            if (!settings.isSet(name)) {
                needed.put(name, null);
            }
        }
        if (needed.isEmpty()) {
            return Map.of();
        }
        Files.createDirectories(dataDir);
        restrict(dataDir, OWNER_ONLY_DIR);
        var file = dataDir.resolve(FILE);
        var kept = new Properties();
        if (Files.exists(file)) {
            restrict(file, OWNER_ONLY_FILE);
            try (Reader in = Files.newBufferedReader(file)) {
                kept.load(in);
            }
        }
        var missing = needed.keySet().stream()
                .filter(name -> kept.getProperty(name, "").isBlank())
                .toList();
        if (!missing.isEmpty()) {
            var old = existingData.getAsBoolean();
            for (var name : missing) {
                kept.setProperty(name, old ? Secrets.LEGACY_VALUES.get(name) : random());
            }
            write(file, kept);
            if (old) {
                log.warn(
                        "{} had data but no secrets file: it was made with the old built-in development secrets, so"
                                + " they are kept for it ({}) in {}. For new secrets, start on a new data directory.",
                        dataDir,
                        String.join(", ", missing),
                        file);
            } else {
                log.info(
                        "Generated {} at random into {} (owner-only): keep it with the data, which needs it",
                        String.join(", ", missing),
                        file);
            }
        }
        needed.replaceAll((name, none) -> kept.getProperty(name));
        return needed;
    }

    /** 48 random bytes in base64, as {@code openssl rand -base64 48} makes them. */
    static String random() {
        var bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Written to a file that is owner-only from its creation, then moved over the old one in one step. */
    private static void write(Path file, Properties secrets) throws IOException {
        var temporary = file.resolveSibling(FILE + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        }
        try (var out = Files.newBufferedWriter(temporary)) {
            secrets.store(
                    out,
                    "The standalone's secrets: its stored passwords and sealed keys need them. Keep this"
                            + " file with the data directory; never share it");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions (Windows) protects the file by its own means
        } catch (IOException e) {
            log.warn("Cannot make {} readable by its owner only: {}", path, e.toString());
        }
    }
}
