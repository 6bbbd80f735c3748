package io.batos.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a packed copy of a log: history up to a bound folded into one record, objects that
 * nothing reachable from the root refers to left out.
 *
 * <p>Reachability counts every state that survives — the state as of the bound and every later
 * revision — because an open transaction may still read any of them.
 */
final class Packer {
    private final LogFile log;
    private final long bound;

    Packer(LogFile log, long bound) {
        this.log = log;
        this.bound = bound;
    }

    record Result(long removedObjects, long removedRecords) {
    }

    Result writeTo(Path target) throws IOException {
        Map<Long, Long> baseOffsets = new LinkedHashMap<>();
        Map<Long, Set<Long>> refs = new HashMap<>();
        Map<Long, Set<Long>> baseRefs = new HashMap<>();
        List<Long> laterRecords = new ArrayList<>();
        long[] folded = {0};
        long[] boundTime = {System.currentTimeMillis()};
        log.scan(LogFile.HEADER_SIZE, record -> {
            boolean early = record.txId() <= bound;
            if (early) {
                folded[0]++;
                boundTime[0] = record.time();
            } else {
                laterRecords.add(record.offset());
            }
            for (LogRecord.Entry entry : record.entries()) {
                Set<Long> out = new HashSet<>();
                StateCodec.decode(entry.state()).values().forEach(v -> Values.collectRefs(v, out::add));
                if (early) {
                    baseOffsets.put(entry.oid(), entry.offset());
                    baseRefs.put(entry.oid(), out);
                } else {
                    refs.computeIfAbsent(entry.oid(), k -> new HashSet<>()).addAll(out);
                }
            }
            return true;
        });
        baseRefs.forEach((oid, out) -> refs.computeIfAbsent(oid, k -> new HashSet<>()).addAll(out));

        Set<Long> reachable = new HashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>(List.of(LivingImage.ROOT_OID));
        while (!todo.isEmpty()) {
            long oid = todo.pop();
            if (reachable.add(oid)) {
                todo.addAll(refs.getOrDefault(oid, Set.of()));
            }
        }
        Set<Long> everything = new HashSet<>(refs.keySet());

        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long position = write(out, LogFile.header(), 0);
            Map<Long, Long> newOffsets = new HashMap<>();
            if (!baseOffsets.isEmpty()) {
                List<LogFile.PendingEntry> entries = new ArrayList<>();
                for (Map.Entry<Long, Long> base : baseOffsets.entrySet()) {
                    if (reachable.contains(base.getKey())) {
                        entries.add(new LogFile.PendingEntry(base.getKey(), -1, log.readEntry(base.getValue()).state()));
                    }
                }
                long[] offsets = new long[entries.size()];
                ByteBuffer record = LogFile.encodeRecord(position, bound, boundTime[0],
                        "packed history up to tx " + bound, "pack", entries, offsets);
                for (int i = 0; i < offsets.length; i++) {
                    newOffsets.put(entries.get(i).oid(), offsets[i]);
                }
                position += write(out, record, position);
            }
            for (long offset : laterRecords) {
                LogRecord record = log.readRecord(offset, log.end()).record();
                List<LogFile.PendingEntry> entries = new ArrayList<>();
                for (LogRecord.Entry entry : record.entries()) {
                    if (reachable.contains(entry.oid())) {
                        entries.add(new LogFile.PendingEntry(entry.oid(),
                                newOffsets.getOrDefault(entry.oid(), -1L), entry.state()));
                    }
                }
                long[] offsets = new long[entries.size()];
                ByteBuffer rewritten = LogFile.encodeRecord(position, record.txId(), record.time(), record.note(),
                        record.origin(), entries, offsets);
                for (int i = 0; i < offsets.length; i++) {
                    newOffsets.put(entries.get(i).oid(), offsets[i]);
                }
                position += write(out, rewritten, position);
            }
            out.force(true);
        }
        everything.removeAll(reachable);
        return new Result(everything.size(), Math.max(0, folded[0] - (baseOffsets.isEmpty() ? 0 : 1)));
    }

    private static int write(FileChannel out, ByteBuffer buffer, long position) throws IOException {
        int written = 0;
        while (buffer.hasRemaining()) {
            written += out.write(buffer, position + written);
        }
        return written;
    }
}
