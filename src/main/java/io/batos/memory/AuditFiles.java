package io.batos.memory;

import io.batos.image.ImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the audit log's generations live in an image directory, and which one is current.
 *
 * <p>The layout (DESIGN.md §9 and the writer's contract): {@code metacognition.jsonl} is the
 * current generation; {@code metacognition.generation} holds its number (absent = 1); rotating
 * renames the current file to {@code metacognition.<generation>.jsonl} and then advances the
 * number. Why the current generation is the larger of the sidecar's number and the newest archive
 * plus one: a crash between the rename and the sidecar's update leaves an archive the sidecar does
 * not know about yet, and the fresh {@code metacognition.jsonl} after it is the next generation,
 * not the archived one. (This asks one thing of every writer: rename first, then advance.)
 */
public final class AuditFiles {
    /** The current generation's file name. */
    public static final String CURRENT = "metacognition.jsonl";
    /** The sidecar holding the current generation's number. */
    public static final String GENERATION = "metacognition.generation";
    private static final Pattern ARCHIVE = Pattern.compile("metacognition\\.(\\d{1,18})\\.jsonl");

    private final Path dir;

    public AuditFiles(Path imageDir) {
        this.dir = imageDir;
    }

    public Path directory() {
        return dir;
    }

    /** The current generation's file (it may not exist yet). */
    public Path current() {
        return dir.resolve(CURRENT);
    }

    /** The archive of {@code generation} (it may not exist). */
    public Path archive(long generation) {
        return dir.resolve("metacognition." + generation + ".jsonl");
    }

    public Path sidecar() {
        return dir.resolve(GENERATION);
    }

    /** The current generation: the sidecar's number, or one past the newest archive if that is larger. */
    public long generation() {
        return Math.max(sidecarGeneration(), newestArchive() + 1);
    }

    /** The number the sidecar holds (1 when there is none). */
    long sidecarGeneration() {
        try {
            String text = Files.readString(sidecar(), StandardCharsets.UTF_8).strip();
            long generation = Long.parseLong(text);
            if (generation < 1) {
                throw new NumberFormatException("below 1");
            }
            return generation;
        } catch (NoSuchFileException e) {
            return 1;
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot read " + sidecar() + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new ImageException(ImageException.Code.ERROR, sidecar() + " holds no generation number");
        }
    }

    /** The highest archived generation, or 0 when there is none. */
    long newestArchive() {
        long newest = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "metacognition.*.jsonl")) {
            for (Path file : files) {
                Matcher m = ARCHIVE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    newest = Math.max(newest, Long.parseLong(m.group(1)));
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        return newest;
    }
}
