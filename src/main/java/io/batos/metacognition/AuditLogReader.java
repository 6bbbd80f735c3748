package io.batos.metacognition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an audit file ({@code metacognition.jsonl} or a rotated {@code metacognition.N.jsonl}) from
 * a byte offset, tolerating what a crash or a concurrent writer can leave behind.
 *
 * <p>Why offsets: ingestion records in the image how far it read (generation and byte offset) and
 * resumes there, so it never ingests a line twice or skips one; an offset is exact where a line
 * count would need the whole file read again.
 *
 * <p>Contract:
 * <ul>
 *   <li>a line counts only once its line break is there; every {@link Entry} carries the offset
 *       of its first byte and of the byte after its line break;</li>
 *   <li>the <b>last</b> line, when it has no line break yet or does not parse, is a <b>torn
 *       tail</b>: it is skipped, {@code tornTail} is true and {@code endOffset} stays before it, so
 *       the next read (after the writer finished it, or after a reopen cut it) starts there. It is
 *       not a problem: a writer in the middle of a line makes one;</li>
 *   <li>a line in the middle that is not a valid record (not JSON, a key missing or unknown, a
 *       wrong type or word — {@link AuditRecord#fromJson}) is skipped and described in
 *       {@code problems} ("byte N: why"); {@code endOffset} moves past it. Blank lines are skipped
 *       silently;</li>
 *   <li>{@code endOffset} is where the next read resumes: reading from it again returns exactly the
 *       lines after those returned (offsets taken from a previous result are line starts; any other
 *       offset makes its first fragment a problem, never a wrong record);</li>
 *   <li>the file is read up to its size when the read began; a missing file reads as empty; an
 *       offset past the end is a problem (the file was replaced or lost bytes), not an
 *       exception — nothing is read and {@code endOffset} stays where it was asked to start;</li>
 *   <li>only I/O failures throw ({@link UncheckedIOException}); content never does.</li>
 * </ul>
 */
public final class AuditLogReader {
    private static final int CHUNK = 64 * 1024;

    private AuditLogReader() {
    }

    /**
     * One record and where its line lies.
     *
     * @param record    the record
     * @param offset    the line's first byte
     * @param endOffset the byte after its line break
     */
    public record Entry(AuditRecord record, long offset, long endOffset) {
    }

    /**
     * What a read found.
     *
     * @param entries   the records, in file order
     * @param endOffset where to resume: after the last line consumed (records, problems, blank
     *                  lines), before a torn tail
     * @param tornTail  whether the last line was incomplete or unparsable and so left for later
     * @param problems  one line per skipped malformed line in the middle ("byte N: why"), and one for
     *                  an offset past the end
     */
    public record ReadResult(List<Entry> entries, long endOffset, boolean tornTail, List<String> problems) {
        public ReadResult {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }
    }

    /** Every line from {@code fromOffset} to the end of {@code file}. */
    public static ReadResult read(Path file, long fromOffset) {
        return read(file, fromOffset, Integer.MAX_VALUE);
    }

    /**
     * At most {@code maxEntries} records from {@code fromOffset}; {@code endOffset} is after the last
     * one returned when the limit cut the read short (and {@code tornTail} false), so a caller can
     * read a large file in bounded steps.
     */
    public static ReadResult read(Path file, long fromOffset, int maxEntries) {
        if (fromOffset < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("fromOffset must be >= 0 and maxEntries >= 1");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Scan(channel, fromOffset, maxEntries).run();
        } catch (NoSuchFileException e) {
            return fromOffset == 0 ? new ReadResult(List.of(), 0, false, List.of())
                    : new ReadResult(List.of(), fromOffset, false, List.of("offset " + fromOffset + " is past the end"
                    + " of " + file + ", which does not exist"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** One pass over a file: splits lines, parses them, keeps the books on offsets. */
    private static final class Scan {
        private final FileChannel channel;
        private final long from;
        private final int maxEntries;
        private final List<Entry> entries = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private byte[] line = new byte[4096];
        private int lineLength;

        Scan(FileChannel channel, long from, int maxEntries) {
            this.channel = channel;
            this.from = from;
            this.maxEntries = maxEntries;
        }

        ReadResult run() throws IOException {
            long size = channel.size();
            if (from > size) {
                return new ReadResult(List.of(), from, false, List.of("offset " + from + " is past the end of the"
                        + " file (" + size + " bytes): it was replaced or lost bytes"));
            }
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            long position = from;
            long lineStart = from;
            long end = from;
            while (position < size) {
                chunk.clear().limit((int) Math.min(CHUNK, size - position));
                int n = channel.read(chunk, position);
                if (n < 0) {
                    break; // truncated underneath us: what is left reads as a torn tail
                }
                byte[] bytes = chunk.array();
                int segment = 0;
                for (int i = 0; i < n; i++) {
                    if (bytes[i] != '\n') {
                        continue;
                    }
                    append(bytes, segment, i - segment);
                    segment = i + 1;
                    long lineEnd = position + i + 1;
                    if (!consume(lineStart, lineEnd, lineEnd == size)) {
                        return new ReadResult(entries, end, true, problems);
                    }
                    end = lineEnd;
                    lineStart = lineEnd;
                    lineLength = 0;
                    if (entries.size() >= maxEntries) {
                        return new ReadResult(entries, end, false, problems);
                    }
                }
                append(bytes, segment, n - segment);
                position += n;
            }
            // Bytes after the last line break: a line still being written, or one a crash cut.
            return new ReadResult(entries, end, lineStart < position, problems);
        }

        /**
         * Takes one complete line; false when it is the file's last line and no record (a torn tail,
         * left for a later read).
         */
        private boolean consume(long start, long lineEnd, boolean last) {
            int length = lineLength;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            if (blank(length)) {
                return true;
            }
            try {
                entries.add(new Entry(AuditRecord.fromJson(line, 0, length), start, lineEnd));
                return true;
            } catch (IllegalArgumentException e) {
                if (last) {
                    return false;
                }
                problems.add("byte " + start + ": " + e.getMessage());
                return true;
            }
        }

        private boolean blank(int length) {
            for (int i = 0; i < length; i++) {
                byte b = line[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        private void append(byte[] bytes, int offset, int length) {
            if (lineLength + length > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
            }
            System.arraycopy(bytes, offset, line, lineLength, length);
            lineLength += length;
        }
    }
}
