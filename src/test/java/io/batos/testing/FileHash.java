package io.batos.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Hashes files from a child JVM, so that reading a locked image's files never opens (and, on
 * close, unlocks) them inside the JVM that holds the image (Java file locks are per process).
 */
public final class FileHash {
    private FileHash() {
    }

    /** Child entry point: prints "path sha256" for each argument (or "path absent"). */
    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            Path path = Path.of(arg);
            if (!Files.exists(path)) {
                System.out.println(arg + " absent");
                continue;
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(path)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            System.out.println(arg + " " + HexFormat.of().formatHex(digest.digest()));
        }
    }

    /** The hashes of {@code files}, computed in a child JVM, as one comparable string. */
    public static String fromChild(Path... files) {
        String[] args = new String[files.length];
        for (int i = 0; i < files.length; i++) {
            args[i] = files[i].toAbsolutePath().toString();
        }
        ChildJvm.Result result = ChildJvm.run(FileHash.class, Duration.ofSeconds(60), args);
        if (result.exitCode() != 0) {
            throw new AssertionError("hashing child failed: " + result.stderr());
        }
        return result.stdout();
    }
}
