package io.batos.cognition.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A model on disk as exporters write it: {@code model.onnx} (with optional external data),
 * {@code tokenizer.json}, and whichever of {@code config.json}, {@code generation_config.json},
 * {@code genai_config.json} and {@code tokenizer_config.json} came with it; persona LoRA adapters
 * live in {@code adapters/<persona>.onnx_adapter}.
 *
 * <p>Reading the directory only reads the small JSON files; facts that the session itself can tell
 * (layers, KV heads, head size, dtype, I/O names) come from {@link ModelSignature} instead, so a
 * config that disagrees with the graph cannot mislead the engine. What the JSON files add: the
 * end-of-sequence ids, the context length, and onnxruntime-genai's buffer-sharing flag.
 */
public final class ModelDirectory {
    public static final String MODEL_FILE = "model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String ADAPTER_DIR = "adapters";
    public static final String ADAPTER_SUFFIX = ".onnx_adapter";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode config;
    private final JsonNode generationConfig;
    private final JsonNode genaiConfig;
    private final JsonNode tokenizerConfig;

    private ModelDirectory(Path dir) {
        this.dir = dir;
        this.config = readOptional("config.json");
        this.generationConfig = readOptional("generation_config.json");
        this.genaiConfig = readOptional("genai_config.json");
        this.tokenizerConfig = readOptional("tokenizer_config.json");
    }

    /**
     * Opens a model directory, checking that the files the engine cannot do without are there.
     *
     * @throws ModelException naming the missing file or the unreadable JSON
     */
    public static ModelDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelException("no model directory at " + dir);
        }
        for (String required : List.of(MODEL_FILE, TOKENIZER_FILE)) {
            if (!Files.isRegularFile(dir.resolve(required))) {
                throw new ModelException("no " + required + " in " + dir);
            }
        }
        return new ModelDirectory(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path modelFile() {
        return dir.resolve(MODEL_FILE);
    }

    public Path tokenizerFile() {
        return dir.resolve(TOKENIZER_FILE);
    }

    /** Every regular file of the model, relative names in a stable order (adapters included). */
    public List<String> files() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().forEach(names::add);
        } catch (IOException e) {
            throw new ModelException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** Persona name → adapter file, for every {@code adapters/*.onnx_adapter}. */
    public Map<String, Path> adapters() {
        Map<String, Path> found = new TreeMap<>();
        Path adapters = dir.resolve(ADAPTER_DIR);
        if (Files.isDirectory(adapters)) {
            try (Stream<Path> list = Files.list(adapters)) {
                list.filter(p -> p.getFileName().toString().endsWith(ADAPTER_SUFFIX)).forEach(p -> {
                    String file = p.getFileName().toString();
                    found.put(file.substring(0, file.length() - ADAPTER_SUFFIX.length()), p);
                });
            } catch (IOException e) {
                throw new ModelException("cannot list " + adapters + ": " + e.getMessage(), e);
            }
        }
        return found;
    }

    /**
     * The end-of-sequence ids every config names (generation_config, config, genai_config); the
     * engine adds the tokenizer's {@code <|eot_id|>} and {@code <|end_of_text|>} itself.
     */
    public Set<Integer> eosTokenIds() {
        Set<Integer> ids = new LinkedHashSet<>();
        addIds(generationConfig.path("eos_token_id"), ids);
        addIds(config.path("eos_token_id"), ids);
        addIds(genaiConfig.path("model").path("eos_token_id"), ids);
        return ids;
    }

    /** The tokenizer config's end-of-sequence token text, or null. */
    public String eosToken() {
        JsonNode eos = tokenizerConfig.path("eos_token");
        if (eos.isTextual()) {
            return eos.asText();
        }
        return eos.path("content").isTextual() ? eos.path("content").asText() : null;
    }

    /** How many positions the model was trained for (config or genai context length), 0 if unknown. */
    public int contextLength() {
        int fromConfig = config.path("max_position_embeddings").asInt(0);
        return fromConfig > 0 ? fromConfig : genaiConfig.path("model").path("context_length").asInt(0);
    }

    /** True when onnxruntime-genai is told to share past and present KV buffers. */
    public boolean sharesPastPresentBuffer() {
        return genaiConfig.path("search").path("past_present_share_buffer").asBoolean(false);
    }

    /** True when the directory came from onnxruntime-genai's model builder. */
    public boolean hasGenaiConfig() {
        return !genaiConfig.isMissingNode();
    }

    /**
     * True for the scripted demo core that {@code batos model fixture --kind scripted} writes
     * ({@code config.json} says {@code "batos_fixture": {"demo": true}}): it must be labelled as
     * a demo wherever the model is named, however it was loaded.
     */
    public boolean isDemo() {
        return config.path("batos_fixture").path("demo").asBoolean(false);
    }

    /** {@code config.json}'s value for {@code key} as text, or null. */
    public String configValue(String key) {
        JsonNode v = config.path(key);
        return v.isMissingNode() || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    private static void addIds(JsonNode node, Set<Integer> into) {
        if (node.isInt()) {
            into.add(node.asInt());
        } else if (node.isArray()) {
            node.forEach(n -> {
                if (n.isInt()) {
                    into.add(n.asInt());
                }
            });
        }
    }

    private JsonNode readOptional(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + SessionFactory.firstLine(e.getMessage()), e);
        }
    }
}
