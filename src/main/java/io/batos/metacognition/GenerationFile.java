package io.batos.metacognition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sidecar {@code metacognition.generation}: which generation the live audit file
 * {@code metacognition.jsonl} is, as decimal text and a line break.
 *
 * <p>Why a sidecar: ingestion records how far it read as (generation, byte offset) in the image,
 * and rotation renames the live file to {@code metacognition.<generation>.jsonl}; the number must
 * survive the process, and a file name alone cannot say which generation the live file is.
 *
 * <p>Contract: an absent file means generation 1; the file is replaced atomically (written beside
 * it, forced, renamed over it, the directory forced), so it is the old number or the new one,
 * never a torn one. {@link #recover} repairs the one gap a crash can leave — a rotation that
 * renamed the live file but died before writing the new number — by skipping every generation
 * whose archive already exists, so a rotation can never overwrite an archive.
 */
final class GenerationFile {
    static final String NAME = "metacognition.generation";
    private static final Logger LOG = Logger.getLogger(GenerationFile.class.getName());

    private GenerationFile() {
    }

    /** The archive a generation's file is renamed to by rotation. */
    static Path archive(Path directory, long generation) {
        return directory.resolve("metacognition." + generation + ".jsonl");
    }

    /**
     * The live file's generation: the sidecar's number (1 when absent), advanced past every
     * generation whose archive exists; the sidecar is rewritten when it was behind or unreadable.
     */
    static long recover(Path directory) throws IOException {
        Path sidecar = directory.resolve(NAME);
        long recorded = 1;
        String said; // for the warning, when the sidecar turns out to be wrong
        boolean rewrite = false;
        try {
            String text = Files.readString(sidecar, StandardCharsets.UTF_8).strip();
            said = "said generation " + text;
            recorded = Long.parseLong(text);
            if (recorded < 1) {
                throw new NumberFormatException("generation " + recorded + " is below 1");
            }
        } catch (NoSuchFileException e) {
            said = "is missing";
        } catch (NumberFormatException e) {
            LOG.warning(sidecar + " is unreadable (" + e.getMessage() + "); the generation is recovered from the"
                    + " archives beside it");
            said = null;
            recorded = 1;
            rewrite = true;
        }
        long generation = recorded;
        while (Files.exists(archive(directory, generation))) {
            generation++;
        }
        if (generation != recorded && said != null) {
            LOG.log(Level.WARNING, "{0} {1} but archives up to generation {2} exist (a rotation was cut short);"
                    + " the live file is generation {3}", new Object[] {sidecar, said, generation - 1, generation});
            rewrite = true;
        }
        if (rewrite) {
            write(directory, generation);
        }
        return generation;
    }

    /** Replaces the sidecar with {@code generation}, durably. */
    static void write(Path directory, long generation) throws IOException {
        Path sidecar = directory.resolve(NAME);
        Path next = directory.resolve(NAME + ".tmp");
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer text = ByteBuffer.wrap((generation + "\n").getBytes(StandardCharsets.UTF_8));
            while (text.hasRemaining()) {
                out.write(text);
            }
            out.force(true);
        }
        Files.move(next, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(directory);
    }

    /** Makes renames in {@code directory} durable; platforms that cannot open a directory skip it. */
    static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; there a rename is as durable as NTFS makes it.
            LOG.log(Level.FINE, "cannot force directory " + directory, e);
        }
    }
}
