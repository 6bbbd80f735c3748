package io.batos.code;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled methods on disk in the image's {@code vessel/methods/}, keyed by source hash, so a
 * reopen compiles nothing that did not change.
 *
 * <p>A cache, never the truth: any process can delete it and lose only time. The key includes the
 * template version ({@link MethodUnit#hash}); the directory name includes the runtime's feature
 * version, so bytecode made for one JDK is not fed to another. Entries are written to a temporary
 * file and moved into place, so a crash leaves no half entry.
 */
final class BytecodeCache {
    private final Path dir;

    BytecodeCache(Path vessel) {
        this.dir = vessel.resolve("methods").resolve("jdk" + Runtime.version().feature());
    }

    /** The classes cached for a hash, or null. A damaged entry is deleted and reported as absent. */
    Map<String, byte[]> get(String hash) {
        Path file = dir.resolve(hash + ".classes");
        if (!Files.exists(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            int count = in.readInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                classes.put(name, bytes);
            }
            return classes;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a cache: the next put replaces it
            }
            return null;
        }
    }

    /** Stores the classes of a hash; failures only cost a recompile later. */
    void put(String hash, Map<String, byte[]> classes) {
        try {
            Files.createDirectories(dir);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(classes.size());
                for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                    out.writeUTF(entry.getKey());
                    out.writeInt(entry.getValue().length);
                    out.write(entry.getValue());
                }
            }
            Path temp = Files.createTempFile(dir, hash, ".tmp");
            Files.write(temp, bytes.toByteArray());
            Files.move(temp, dir.resolve(hash + ".classes"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // A cache that cannot be written is only slower.
        }
    }
}
