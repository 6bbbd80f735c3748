package io.batos.cognition.llm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A model's own {@code tokenizer.json}, run by the Hugging Face tokenizers library through DJL,
 * strictly offline.
 *
 * <p>DJL looks for a CUDA build of its native library on a machine with a GPU and downloads what
 * it lacks; {@link #offline()} tells it, before its first use, to stay offline, use the CPU build
 * bundled in the jar, and keep its cache under the user's cache directory (or wherever
 * {@code DJL_CACHE_DIR} already points). Encoding never adds special tokens: the chat format writes
 * {@code <|begin_of_text|>} itself. Special tokens in the text (added tokens) still encode as
 * their single ids, as they do for the tokenizer's authors.
 */
public final class ModelTokenizer implements AutoCloseable {
    private static volatile boolean offlineSet;

    private final HuggingFaceTokenizer tokenizer;

    private ModelTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Loads {@code tokenizer.json}; a missing or malformed file is a {@link ModelException}. */
    public static ModelTokenizer load(Path tokenizerJson) {
        offline();
        try {
            return new ModelTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("addSpecialTokens", "false", "modelMaxLength", String.valueOf(Integer.MAX_VALUE))));
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot load " + tokenizerJson + ": " + SessionFactory.firstLine(e.getMessage()), e);
        }
    }

    /** Sets DJL's offline mode, CPU flavour and cache directory (once, before its first use). */
    public static synchronized void offline() {
        if (offlineSet) {
            return;
        }
        System.setProperty("DJL_OFFLINE", "true");
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("RUST_FLAVOR", "cpu");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            System.setProperty("DJL_CACHE_DIR", base.resolve("batos").resolve("djl").toString());
        }
        offlineSet = true;
    }

    /** The ids of {@code text}, special-token text included as single ids, no BOS added. */
    public int[] encode(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        long[] ids = encoding.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    /** The id of a token that encodes as exactly one id ({@code <|eot_id|>}, …), if there is one. */
    public OptionalInt tokenId(String token) {
        int[] ids = encode(token);
        return ids.length == 1 ? OptionalInt.of(ids[0]) : OptionalInt.empty();
    }

    /** The text of {@code ids}; special tokens are left out when {@code skipSpecial}. */
    public String decode(int[] ids, int from, int to, boolean skipSpecial) {
        long[] slice = new long[to - from];
        for (int i = from; i < to; i++) {
            slice[i - from] = ids[i];
        }
        return tokenizer.decode(slice, skipSpecial);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
