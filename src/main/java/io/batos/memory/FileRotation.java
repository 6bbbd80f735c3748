package io.batos.memory;

import io.batos.image.ImageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Rotation done on the files directly, for a process in which no audit writer holds the log.
 *
 * <p>Why it exists: one-shot commands ({@code batos audit ingest}) and tests ingest without a
 * writer running; with a writer in the process the kernel passes the writer's own rotation instead,
 * since only the writer can rotate between two of its appends. The order is the contract of
 * {@link AuditFiles}: an atomic rename of the current file to its archive, then the sidecar
 * (written to a temp file, fsynced, moved into place), so a crash at any point leaves a state that
 * {@link AuditFiles#generation()} reads correctly.
 */
public final class FileRotation implements LogRotation {
    private final AuditFiles files;

    public FileRotation(AuditFiles files) {
        this.files = files;
    }

    @Override
    public synchronized Rotated rotate() {
        long generation = files.generation();
        Path current = files.current();
        Path archive = files.archive(generation);
        try {
            if (!Files.exists(current) || Files.size(current) == 0) {
                return null;
            }
            if (Files.exists(archive)) {
                throw new ImageException(ImageException.Code.ERROR, "cannot rotate the audit log: " + archive
                        + " already exists");
            }
            Files.move(current, archive, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(files.directory());
            KillPoint.reach("rotate.renamed");
            writeGeneration(generation + 1);
            return new Rotated(generation, archive, generation + 1);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot rotate the audit log: " + e.getMessage(), e);
        }
    }

    private void writeGeneration(long generation) throws IOException {
        Path temp = files.directory().resolve(AuditFiles.GENERATION + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(StandardCharsets.UTF_8.encode(generation + "\n"));
            out.force(true);
        }
        Files.move(temp, files.sidecar(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(files.directory());
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename is still atomic there.
        }
    }
}
