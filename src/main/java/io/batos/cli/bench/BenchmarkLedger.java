package io.batos.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The directory of JSON files that holds the project's benchmark records, one file per area
 * ({@code image.json}, {@code engine.json}, …), each {@code {"records": [ … ]}}.
 *
 * <p>A run {@linkplain #merge merges} its records into its area's file: a record replaces the one
 * with the same id in place and a new one is appended, so the file keeps a stable order and
 * rerunning one benchmark touches only its rows. Files are written whole (a temporary file moved
 * over the old one), pretty-printed with one field per line so a rerun's diff shows exactly the
 * figures that moved. A file that is not a ledger file is refused with a message naming it.
 */
public final class BenchmarkLedger {
    /** Where the record lives in a checkout, relative to its root. */
    public static final Path DEFAULT = Path.of("src", "bench", "results");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public BenchmarkLedger(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * {@code java -cp batos.jar io.batos.cli.bench.BenchmarkLedger AREA FILE}: merges the records of
     * FILE into {@code src/bench/results/AREA.json}, filling in this machine, the time and the commit
     * where a record leaves them empty — how a shell script ({@code measure-startup.sh}) records.
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: BenchmarkLedger AREA FILE");
            System.exit(2);
        }
        Machine.Run run = Machine.run();
        List<BenchmarkRecord> records = new ArrayList<>();
        for (BenchmarkRecord r : read(Path.of(args[1]))) {
            records.add(new BenchmarkRecord(r.id(), r.what(), r.figure(), r.unit(), r.error(), r.detail(), r.target(),
                    r.command(), r.machine().isEmpty() ? run.machine() : r.machine(),
                    r.jdk().isEmpty() ? run.jdk() : r.jdk(), r.load(), r.when().isEmpty() ? run.when() : r.when(),
                    r.commit().isEmpty() ? run.commit() : r.commit()));
        }
        System.out.println("recorded " + records.size() + " figures in "
                + new BenchmarkLedger(DEFAULT).merge(args[0], records));
    }

    /** Merges {@code records} into {@code <area>.json}; returns the file. */
    public Path merge(String area, List<BenchmarkRecord> records) {
        Path file = dir.resolve(area + ".json");
        Map<String, BenchmarkRecord> byId = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (BenchmarkRecord r : read(file)) {
                byId.put(r.id(), r);
            }
        }
        for (BenchmarkRecord r : records) {
            byId.put(r.id(), r);
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("records");
        byId.values().forEach(r -> array.add(toJson(r)));
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, area, ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark record " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Every area's records, by area name in alphabetical order; none when the directory is missing. */
    public Map<String, List<BenchmarkRecord>> readAll() {
        Map<String, List<BenchmarkRecord>> areas = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return areas;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                String name = file.getFileName().toString();
                areas.put(name.substring(0, name.length() - ".json".length()), read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the benchmark record " + dir + ": " + e.getMessage(), e);
        }
        return areas;
    }

    /** The records of one file, in its order. */
    public static List<BenchmarkRecord> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the benchmark record " + file + ": " + e.getMessage(), e);
        }
        JsonNode array = root == null ? null : root.get("records");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(file + " has no \"records\" array");
        }
        List<BenchmarkRecord> records = new ArrayList<>();
        for (JsonNode node : array) {
            records.add(fromJson(file, node));
        }
        return records;
    }

    static ObjectNode toJson(BenchmarkRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", r.id());
        o.put("what", r.what());
        o.put("figure", r.figure());
        o.put("unit", r.unit());
        if (!Double.isNaN(r.error())) {
            o.put("error", r.error());
        }
        o.put("detail", r.detail());
        o.put("target", r.target());
        o.put("command", r.command());
        o.put("machine", r.machine());
        o.put("jdk", r.jdk());
        o.put("load", r.load());
        o.put("when", r.when());
        o.put("commit", r.commit());
        return o;
    }

    static BenchmarkRecord fromJson(Path file, JsonNode o) {
        String id = o.path("id").asText("");
        JsonNode figure = o.get("figure");
        if (id.isEmpty() || figure == null || !figure.isNumber()) {
            throw new IllegalArgumentException(file + ": a record without an id or a numeric figure: " + o);
        }
        try {
            return new BenchmarkRecord(id, o.path("what").asText(""), figure.asDouble(), o.path("unit").asText(""),
                    o.has("error") ? o.get("error").asDouble() : Double.NaN, o.path("detail").asText(""),
                    o.path("target").asText(""), o.path("command").asText(""), o.path("machine").asText(""),
                    o.path("jdk").asText(""), o.path("load").asText(""), o.path("when").asText(""),
                    o.path("commit").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }
}
