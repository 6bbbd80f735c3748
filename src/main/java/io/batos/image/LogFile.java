package io.batos.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The append-only transaction log: the image's body and biography, and the only source of truth.
 *
 * <p>Layout: a 16-byte header ({@code BATOSLOG}, format version, reserved), then records. A record
 * is {@code u32 payloadLength | u32 crc32c(payload) | payload}; the payload is {@code txId, time,
 * note, origin, entryCount} followed by entries {@code oid, serial, prevEntryOffset, stateLength,
 * state}. Each entry's file offset is what the index stores, so reading one object is one
 * positional read; the back-pointer makes an object's history a linked list through the log, as in
 * ZODB's FileStorage.
 *
 * <p>A crash can only tear the tail: appends are the only writes, and a commit returns after
 * {@link #force()}. {@link #recover} tells a torn tail (truncated and reported) from damage
 * before it (refused: that is not something a crash explains).
 */
public final class LogFile implements AutoCloseable {
    static final byte[] MAGIC = "BATOSLOG".getBytes(StandardCharsets.US_ASCII);
    /** Bytes before the first record. */
    public static final int HEADER_SIZE = 16;
    static final int FRAME = 8;
    static final int ENTRY_HEADER = 8 + 8 + 8 + 4;
    /** Records larger than this are refused as garbage (a torn length field). */
    static final int MAX_RECORD = Integer.MAX_VALUE - 64;

    private final Path path;
    private FileChannel channel;
    private volatile long end;

    private LogFile(Path path, FileChannel channel, long end) {
        this.path = path;
        this.channel = channel;
        this.end = end;
    }

    /** Opens the log, creating it with a fresh header when it does not exist. */
    public static LogFile open(Path path) throws IOException {
        boolean fresh = !Files.exists(path) || Files.size(path) == 0;
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (fresh) {
                channel.truncate(0);
                channel.write(header(), 0);
                channel.force(true);
            } else {
                checkHeader(path, channel);
            }
            return new LogFile(path, channel, channel.size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static ByteBuffer header() {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        header.put(MAGIC).putInt(StateCodec.FORMAT_VERSION).putInt(0).flip();
        return header;
    }

    private static void checkHeader(Path path, FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        readFully(channel, header, 0);
        header.flip();
        byte[] magic = new byte[MAGIC.length];
        if (header.remaining() < HEADER_SIZE) {
            throw new ImageException(ImageException.Code.VERIFY_FAILED, path + " is not an image log (too short)");
        }
        header.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new ImageException(ImageException.Code.VERIFY_FAILED, path + " is not an image log (bad magic)");
        }
        int version = header.getInt();
        if (version != StateCodec.FORMAT_VERSION) {
            throw new ImageException(ImageException.Code.ERROR, path + " has log format version " + version
                    + "; this build reads version " + StateCodec.FORMAT_VERSION);
        }
    }

    /** The offset just past the last record. */
    public long end() {
        return end;
    }

    public Path path() {
        return path;
    }

    /**
     * Builds one record's bytes; entry offsets are computed from {@code at}, the offset the record
     * will be written to.
     */
    public static ByteBuffer encodeRecord(long at, long txId, long time, String note, String origin,
                                          List<PendingEntry> entries, long[] entryOffsetsOut) {
        byte[] noteBytes = note.getBytes(StandardCharsets.UTF_8);
        byte[] originBytes = origin.getBytes(StandardCharsets.UTF_8);
        long size = FRAME + 8 + 8 + 4 + noteBytes.length + 4 + originBytes.length + 4;
        for (PendingEntry entry : entries) {
            size += ENTRY_HEADER + entry.state().length;
        }
        if (size > MAX_RECORD) {
            throw new ImageException(ImageException.Code.ERROR, "transaction too large for one log record: "
                    + size + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        buffer.putInt((int) size - FRAME).putInt(0);
        buffer.putLong(txId).putLong(time);
        buffer.putInt(noteBytes.length).put(noteBytes);
        buffer.putInt(originBytes.length).put(originBytes);
        buffer.putInt(entries.size());
        int i = 0;
        for (PendingEntry entry : entries) {
            entryOffsetsOut[i++] = at + buffer.position();
            buffer.putLong(entry.oid()).putLong(txId).putLong(entry.prevOffset());
            buffer.putInt(entry.state().length).put(entry.state());
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), FRAME, buffer.position() - FRAME);
        buffer.putInt(4, (int) crc.getValue());
        buffer.flip();
        return buffer;
    }

    /** An entry about to be written. */
    public record PendingEntry(long oid, long prevOffset, byte[] state) {
    }

    /**
     * Appends whole records at the end; the caller then calls {@link #force()} once for the batch
     * (group commit). On failure the log is cut back to where it was.
     */
    public void append(List<ByteBuffer> records) throws IOException {
        long start = end;
        long position = start;
        try {
            int index = 0;
            for (ByteBuffer record : records) {
                KillPoints.reach("log.append");
                if (index == records.size() - 1 && KillPoints.hit("log.append.torn")) {
                    ByteBuffer half = record.duplicate();
                    half.limit(half.position() + half.remaining() / 2);
                    writeFully(half, position);
                    channel.force(false);
                    KillPoints.halt();
                }
                position += writeFully(record, position);
                index++;
            }
            end = position;
        } catch (IOException | RuntimeException e) {
            try {
                channel.truncate(start);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private int writeFully(ByteBuffer buffer, long position) throws IOException {
        int written = 0;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, position + written);
        }
        return written;
    }

    /** Makes every appended record durable (one fsync shared by the whole batch). */
    public void force() throws IOException {
        channel.force(false);
    }

    /** Reads the entry at {@code offset}: one object's state as some transaction wrote it. */
    public LogRecord.Entry readEntry(long offset) {
        try {
            ByteBuffer head = ByteBuffer.allocate(ENTRY_HEADER + 512);
            int got = read(head, offset);
            if (got < ENTRY_HEADER) {
                throw new ImageException(ImageException.Code.VERIFY_FAILED, "log entry at " + offset + " is cut short");
            }
            head.flip();
            long oid = head.getLong();
            long serial = head.getLong();
            long prev = head.getLong();
            int length = head.getInt();
            if (length < 0 || offset + ENTRY_HEADER + length > end) {
                throw new ImageException(ImageException.Code.VERIFY_FAILED,
                        "log entry at " + offset + " has a bad length " + length);
            }
            byte[] state = new byte[length];
            int inHead = Math.min(length, head.remaining());
            head.get(state, 0, inHead);
            if (inHead < length) {
                ByteBuffer rest = ByteBuffer.wrap(state, inHead, length - inHead);
                readFully(channel, rest, offset + ENTRY_HEADER + inHead);
                if (rest.hasRemaining()) {
                    throw new ImageException(ImageException.Code.VERIFY_FAILED, "log entry at " + offset + " is cut short");
                }
            }
            return new LogRecord.Entry(offset, oid, serial, prev, state);
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private int read(ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                return;
            }
            at += n;
        }
    }

    /**
     * Reads and checks the record at {@code offset}, or answers why it is not a whole record.
     *
     * @param limit the file end to trust (records reaching past it are torn)
     */
    public ReadResult readRecord(long offset, long limit) {
        try {
            if (limit - offset < FRAME) {
                return ReadResult.bad("only " + (limit - offset) + " bytes of a record frame");
            }
            ByteBuffer frame = ByteBuffer.allocate(FRAME);
            readFully(channel, frame, offset);
            frame.flip();
            int length = frame.getInt();
            int crc = frame.getInt();
            if (length < 8 + 8 + 4 + 4 + 4 || length > MAX_RECORD) {
                return ReadResult.bad("impossible record length " + length);
            }
            if (offset + FRAME + length > limit) {
                return ReadResult.bad("record of " + length + " bytes runs past the end of the log");
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(channel, payload, offset + FRAME);
            if (payload.hasRemaining()) {
                return ReadResult.bad("record cut short");
            }
            CRC32C check = new CRC32C();
            check.update(payload.array(), 0, length);
            if ((int) check.getValue() != crc) {
                return ReadResult.bad("checksum mismatch");
            }
            payload.flip();
            return ReadResult.ok(parse(offset, length + FRAME, payload));
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot read " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return ReadResult.bad("unreadable record: " + e);
        }
    }

    private static LogRecord parse(long offset, int total, ByteBuffer payload) {
        long txId = payload.getLong();
        long time = payload.getLong();
        String note = string(payload);
        String origin = string(payload);
        int count = payload.getInt();
        if (count < 0) {
            throw new IllegalStateException("negative entry count");
        }
        List<LogRecord.Entry> entries = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            long at = offset + FRAME + payload.position();
            long oid = payload.getLong();
            long serial = payload.getLong();
            long prev = payload.getLong();
            int length = payload.getInt();
            byte[] state = new byte[length];
            payload.get(state);
            entries.add(new LogRecord.Entry(at, oid, serial, prev, state));
        }
        if (payload.hasRemaining()) {
            throw new IllegalStateException(payload.remaining() + " stray bytes after the entries");
        }
        return new LogRecord(offset, total, txId, time, note, origin, entries);
    }

    private static String string(ByteBuffer buffer) {
        int length = buffer.getInt();
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A record or the reason there is none. */
    public record ReadResult(LogRecord record, String problem) {
        static ReadResult ok(LogRecord record) {
            return new ReadResult(record, null);
        }

        static ReadResult bad(String problem) {
            return new ReadResult(null, problem);
        }

        public boolean ok() {
            return record != null;
        }
    }

    /** Visits records from {@code from} while the visitor answers true. */
    public interface RecordVisitor {
        boolean visit(LogRecord record);
    }

    /**
     * Checks the records from {@code from} to the end of the file and cuts off a torn tail.
     *
     * <p>A bad record is a torn tail when no whole record follows it (a crash mid-append leaves a
     * prefix; a power cut may leave garbage after it): the log is truncated there and the loss is
     * reported. A bad record followed by a good one is damage no crash explains, and opening fails.
     *
     * @param visitor sees each whole record in order (to catch the index up)
     * @return what was truncated, if anything
     */
    public Recovery recover(long from, RecordVisitor visitor) throws IOException {
        long size = channel.size();
        long position = from;
        long lastTx = -1;
        while (position < size) {
            ReadResult result = readRecord(position, size);
            if (!result.ok()) {
                if (wholeRecordAfter(position, size)) {
                    throw new ImageException(ImageException.Code.VERIFY_FAILED, path + ": damaged record at offset "
                            + position + " (" + result.problem() + ") followed by intact records");
                }
                long cut = size - position;
                channel.truncate(position);
                channel.force(true);
                end = position;
                return new Recovery(cut, result.problem(), lastTx);
            }
            LogRecord record = result.record();
            lastTx = record.txId();
            if (!visitor.visit(record)) {
                break;
            }
            position = record.end();
        }
        end = size;
        return new Recovery(0, null, lastTx);
    }

    private boolean wholeRecordAfter(long bad, long size) throws IOException {
        // Look for any later offset that starts a record whose checksum holds. Garbage passes a
        // 32-bit checksum by chance once in four billion tries; a real record passes always. The
        // region is mapped, so trying every offset costs a few loads each, not a system call.
        long span = Math.min(size - bad - 1, 256L * 1024 * 1024);
        if (span < FRAME) {
            return false;
        }
        java.nio.MappedByteBuffer tail = channel.map(FileChannel.MapMode.READ_ONLY, bad + 1, span);
        CRC32C crc = new CRC32C();
        for (int at = 0; at + FRAME + 8 <= span; at++) {
            int length = tail.getInt(at);
            if (length < 28 || (long) at + FRAME + length > span) {
                continue;
            }
            ByteBuffer payload = tail.duplicate();
            payload.position(at + FRAME).limit(at + FRAME + length);
            crc.reset();
            crc.update(payload);
            if ((int) crc.getValue() == tail.getInt(at + 4) && tail.getLong(at + FRAME) > 0) {
                return true;
            }
        }
        return false;
    }

    /** What recovery found at the tail. */
    public record Recovery(long truncatedBytes, String reason, long lastTx) {
    }

    /** Visits every whole record from {@code from} up to the current end, in order. */
    public void scan(long from, RecordVisitor visitor) {
        long limit = end;
        long position = from;
        while (position < limit) {
            ReadResult result = readRecord(position, limit);
            if (!result.ok()) {
                throw new ImageException(ImageException.Code.VERIFY_FAILED,
                        path + ": damaged record at offset " + position + ": " + result.problem());
            }
            if (!visitor.visit(result.record())) {
                return;
            }
            position = result.record().end();
        }
    }

    /** Copies the first {@code length} bytes of the log to {@code target} (for backups). */
    public void copyPrefix(long length, FileChannel target) throws IOException {
        long copied = 0;
        while (copied < length) {
            copied += channel.transferTo(copied, length - copied, target);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
