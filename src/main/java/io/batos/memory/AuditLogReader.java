package io.batos.memory;

import io.batos.image.ImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads audit events from a {@link Cursor} onward, across archived generations into the current
 * one, and says where the next read must start.
 *
 * <p>The rules, each for a reason:
 * <ul>
 *   <li>Only whole lines count. In the current generation a last line without its newline may be
 *       in the middle of being written, so it is left for the next read (the cursor stops before
 *       it). In an archive nothing will ever be appended, so such a tail is torn for good: it is
 *       taken if it still parses as an event and skipped otherwise.</li>
 *   <li>A line that is not an event (torn, garbage, no {@code cycle_id}) is skipped and counted,
 *       never fatal. If a writer restarted after a crash and appended straight onto a torn
 *       fragment, the event after the fragment is recovered from the same line.</li>
 *   <li>A missing archive is reported and passed over (someone deleted it); a current file
 *       shorter than the cursor was replaced, and is read from its start.</li>
 *   <li>The current file is opened before its generation is checked again, so a rotation in
 *       between is noticed (the open file is then the archive, read under its archive name).</li>
 * </ul>
 */
final class AuditLogReader {
    private static final int CHUNK = 1 << 20;
    private static final byte[] EVENT_START = "{\"timestamp\"".getBytes(StandardCharsets.UTF_8);

    private final AuditFiles files;

    AuditLogReader(AuditFiles files) {
        this.files = files;
    }

    /**
     * What one read found.
     *
     * @param events            the events, in log order
     * @param end               where the next read starts (just past the last line consumed)
     * @param skipped           lines consumed that held no event
     * @param warnings          anomalies worth telling the architect (a missing archive, a replaced file)
     * @param currentGeneration the generation being written when the read ended
     */
    record Batch(List<AuditEvent> events, Cursor end, int skipped, List<String> warnings, long currentGeneration) {
    }

    /** Reads from {@code from} until the log's end or until {@code maxEvents} events are in hand. */
    Batch read(Cursor from, int maxEvents) {
        List<AuditEvent> events = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int[] skipped = {0};
        Cursor cursor = from;
        while (true) {
            long current = files.generation();
            if (cursor.generation() > current) {
                warnings.add("the catalog had read up to generation " + cursor.generation()
                        + " but the audit log is at generation " + current + " (was it reset?); reading on from there");
                cursor = new Cursor(current, 0);
            }
            if (cursor.generation() < current) {
                Path archive = files.archive(cursor.generation());
                Optional<Long> end;
                try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
                    end = readLines(channel, cursor, true, events, skipped, maxEvents, warnings, archive);
                } catch (NoSuchFileException e) {
                    warnings.add("audit log generation " + cursor.generation() + " is missing (" + archive
                            + "); its events could not be ingested");
                    cursor = new Cursor(cursor.generation() + 1, 0);
                    continue;
                } catch (IOException e) {
                    throw unreadable(archive, e);
                }
                if (end.isPresent()) {
                    return new Batch(events, new Cursor(cursor.generation(), end.get()), skipped[0], warnings, current);
                }
                cursor = new Cursor(cursor.generation() + 1, 0);
                continue;
            }
            Path file = files.current();
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return new Batch(events, cursor, skipped[0], warnings, current);
            } catch (IOException e) {
                throw unreadable(file, e);
            }
            try (channel) {
                if (files.generation() != current) {
                    continue; // rotated meanwhile: read it again under its archive name
                }
                if (channel.size() < cursor.offset()) {
                    warnings.add(file + " is shorter (" + channel.size() + " bytes) than what was ingested of"
                            + " generation " + current + " (" + cursor.offset() + " bytes): it was replaced;"
                            + " reading it from its start");
                    cursor = new Cursor(current, 0);
                }
                Optional<Long> end = readLines(channel, cursor, false, events, skipped, maxEvents, warnings, file);
                return new Batch(events, new Cursor(current, end.orElseThrow()), skipped[0], warnings, current);
            } catch (IOException e) {
                throw unreadable(file, e);
            }
        }
    }

    /**
     * Reads whole lines from the cursor's offset.
     *
     * @return the offset just past the last line consumed when reading stopped early (the event
     *         limit) or, for the current file, always; empty when an archive was read to its end
     */
    private Optional<Long> readLines(FileChannel channel, Cursor from, boolean archived, List<AuditEvent> events,
                                     int[] skipped, int maxEvents, List<String> warnings, Path file) throws IOException {
        long position = from.offset();
        long size = channel.size();
        byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(1, size - position))];
        int filled = 0;
        long bufferStart = position;
        while (true) {
            if (events.size() >= maxEvents) {
                return Optional.of(position);
            }
            int newline = indexOf(buffer, (int) (position - bufferStart), filled, (byte) '\n');
            if (newline >= 0) {
                int start = (int) (position - bufferStart);
                take(buffer, start, newline - start, events, skipped);
                position = bufferStart + newline + 1;
                continue;
            }
            // No whole line left in the buffer: keep the partial line, read more.
            int keep = filled - (int) (position - bufferStart);
            if (bufferStart + filled >= size) {
                if (keep > 0 && archived) {
                    int start = (int) (position - bufferStart);
                    int before = skipped[0];
                    take(buffer, start, keep, events, skipped);
                    warnings.add(file + " ends in a line without its newline (" + keep + " bytes): "
                            + (skipped[0] > before ? "skipped" : "taken"));
                    position += keep;
                }
                return archived ? Optional.empty() : Optional.of(position);
            }
            if (keep == buffer.length) {
                byte[] larger = new byte[buffer.length * 2];
                System.arraycopy(buffer, 0, larger, 0, keep);
                buffer = larger;
            } else {
                System.arraycopy(buffer, (int) (position - bufferStart), buffer, 0, keep);
            }
            bufferStart = position;
            filled = keep;
            ByteBuffer target = ByteBuffer.wrap(buffer, filled, buffer.length - filled);
            int n = channel.read(target, bufferStart + filled);
            if (n <= 0) {
                size = bufferStart + filled; // the file shrank under us; treat what we have as its end
                continue;
            }
            filled += n;
        }
    }

    /** Parses one line; a line that holds no event may still end in one glued onto a torn fragment. */
    private static void take(byte[] buffer, int start, int length, List<AuditEvent> events, int[] skipped) {
        if (length == 0 || isBlank(buffer, start, length)) {
            return;
        }
        Optional<AuditEvent> event = AuditEvent.parse(buffer, start, length);
        if (event.isEmpty()) {
            int glued = lastIndexOf(buffer, start + 1, start + length, EVENT_START);
            if (glued > 0) {
                event = AuditEvent.parse(buffer, glued, start + length - glued);
            }
            skipped[0]++;
        }
        event.ifPresent(events::add);
    }

    private static boolean isBlank(byte[] buffer, int start, int length) {
        for (int i = start; i < start + length; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] buffer, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] buffer, int from, int to, byte[] needle) {
        outer:
        for (int i = to - needle.length; i >= from; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ImageException unreadable(Path file, IOException e) {
        return new ImageException(ImageException.Code.ERROR, "cannot read the audit log " + file + ": " + e.getMessage(), e);
    }
}
