package io.batos.cognition.llm;

import java.util.Arrays;

/**
 * The Llama 3 chat format, written by us rather than by a template engine:
 * {@code <|begin_of_text|>}, then per turn {@code <|start_header_id|>role<|end_header_id|>\n\n}
 * + content + {@code <|eot_id|>}, then the open assistant header the model continues from.
 *
 * <p>Special tokens are placed by id and only the text between them goes through the tokenizer —
 * which is what the tokenizer itself does with the whole string, since added tokens split the text
 * before pre-tokenization; a test holds the two equal token for token.
 */
public final class Llama3ChatFormat {
    public static final String BEGIN_OF_TEXT = "<|begin_of_text|>";
    public static final String END_OF_TEXT = "<|end_of_text|>";
    public static final String START_HEADER = "<|start_header_id|>";
    public static final String END_HEADER = "<|end_header_id|>";
    public static final String END_OF_TURN = "<|eot_id|>";

    private final ModelTokenizer tokenizer;
    private final int bos;
    private final int startHeader;
    private final int endHeader;
    private final int eot;

    /** Binds the format to a tokenizer that has Llama 3's special tokens; else a {@link ModelException}. */
    public Llama3ChatFormat(ModelTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.bos = special(tokenizer, BEGIN_OF_TEXT);
        this.startHeader = special(tokenizer, START_HEADER);
        this.endHeader = special(tokenizer, END_HEADER);
        this.eot = special(tokenizer, END_OF_TURN);
    }

    /** The prompt as text, exactly as {@link #encode} tokenizes it. */
    public static String render(ChatRequest request) {
        StringBuilder sb = new StringBuilder(BEGIN_OF_TEXT);
        for (ChatMessage m : request.messages()) {
            sb.append(START_HEADER).append(m.role().header()).append(END_HEADER).append("\n\n")
                    .append(m.content()).append(END_OF_TURN);
        }
        return sb.append(START_HEADER).append("assistant").append(END_HEADER).append("\n\n").toString();
    }

    /** The prompt's token ids, ending with the open assistant header. */
    public int[] encode(ChatRequest request) {
        IntList ids = new IntList();
        ids.add(bos);
        for (ChatMessage m : request.messages()) {
            header(ids, m.role().header());
            ids.addAll(tokenizer.encode("\n\n" + m.content()));
            ids.add(eot);
        }
        header(ids, "assistant");
        ids.addAll(tokenizer.encode("\n\n"));
        return ids.toArray();
    }

    /** The id of {@code <|eot_id|>}. */
    public int endOfTurn() {
        return eot;
    }

    private void header(IntList ids, String role) {
        ids.add(startHeader);
        ids.addAll(tokenizer.encode(role));
        ids.add(endHeader);
    }

    private static int special(ModelTokenizer tokenizer, String token) {
        return tokenizer.tokenId(token).orElseThrow(() -> new ModelException(
                "the tokenizer has no " + token + " token, so it is not a Llama 3 tokenizer"));
    }

    /** A growable int array, enough for assembling a prompt. */
    private static final class IntList {
        private int[] items = new int[256];
        private int size;

        void add(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        void addAll(int[] vs) {
            for (int v : vs) {
                add(v);
            }
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
