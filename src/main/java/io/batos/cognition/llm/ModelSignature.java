package io.batos.cognition.llm;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a causal-LM graph takes and gives, read from the session itself: the I/O names, the number
 * of layers, KV heads and head size, the KV and logits dtypes, the vocabulary size, and which of
 * the two export layouts it follows.
 *
 * <p>Hugging Face Optimum ({@code text-generation-with-past}) feeds {@code position_ids}; the
 * onnxruntime-genai model builder does not (its attention derives positions from the mask). Both
 * name their caches {@code past_key_values.N.key|value} → {@code present.N.key|value}. A graph
 * without past inputs cannot keep a KV cache and is refused with the export option that fixes it.
 *
 * @param layers           transformer layers (pairs of past inputs)
 * @param kvHeads          key/value heads per layer
 * @param headDim          size of one head
 * @param kvType           FLOAT or FLOAT16
 * @param logitsType       FLOAT or FLOAT16
 * @param vocabSize        the logits' last dimension
 * @param positionIds      whether the graph takes {@code position_ids} (Optimum layout)
 * @param pastKey          past key input name per layer
 * @param pastValue        past value input name per layer
 * @param presentKey       present key output name per layer
 * @param presentValue     present value output name per layer
 */
public record ModelSignature(int layers, int kvHeads, int headDim, OnnxJavaType kvType, OnnxJavaType logitsType,
                             int vocabSize, boolean positionIds, String[] pastKey, String[] pastValue,
                             String[] presentKey, String[] presentValue) {
    public static final String INPUT_IDS = "input_ids";
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String POSITION_IDS = "position_ids";
    public static final String LOGITS = "logits";

    private static final Pattern PAST = Pattern.compile("past_key_values\\.(\\d+)\\.(key|value)");
    private static final Pattern PRESENT = Pattern.compile("present\\.(\\d+)\\.(key|value)");

    /** The layout's name for messages and {@code model info}. */
    public String layout() {
        return positionIds ? "optimum" : "genai";
    }

    /** Reads the signature of {@code session}; a graph the engine cannot drive is a {@link ModelException}. */
    public static ModelSignature of(OrtSession session) {
        try {
            Map<String, NodeInfo> in = session.getInputInfo();
            Map<String, NodeInfo> out = session.getOutputInfo();
            for (String required : new String[] {INPUT_IDS, ATTENTION_MASK}) {
                if (!in.containsKey(required)) {
                    throw new ModelException("model.onnx has no '" + required + "' input; inputs are " + in.keySet());
                }
            }
            if (!out.containsKey(LOGITS)) {
                throw new ModelException("model.onnx has no 'logits' output; outputs are " + out.keySet());
            }
            Map<Integer, String[]> past = names(in, PAST);
            Map<Integer, String[]> present = names(out, PRESENT);
            if (past.isEmpty()) {
                throw new ModelException("model.onnx has no past_key_values inputs, so it cannot keep a KV cache"
                        + " (export it with optimum-cli --task text-generation-with-past)");
            }
            int layers = past.size();
            String[] pk = new String[layers], pv = new String[layers], ok = new String[layers], ov = new String[layers];
            for (int i = 0; i < layers; i++) {
                String[] p = past.get(i);
                String[] o = present.get(i);
                if (p == null || p[0] == null || p[1] == null || o == null || o[0] == null || o[1] == null) {
                    throw new ModelException("model.onnx's cache names are incomplete at layer " + i
                            + " (expected past_key_values." + i + ".key/value and present." + i + ".key/value)");
                }
                pk[i] = p[0];
                pv[i] = p[1];
                ok[i] = o[0];
                ov[i] = o[1];
            }
            TensorInfo key = (TensorInfo) in.get(pk[0]).getInfo();
            TensorInfo logits = (TensorInfo) out.get(LOGITS).getInfo();
            long[] kShape = key.getShape();
            long[] lShape = logits.getShape();
            if (kShape.length != 4 || kShape[1] <= 0 || kShape[3] <= 0) {
                throw new ModelException("model.onnx's past key has shape " + java.util.Arrays.toString(kShape)
                        + "; expected [batch, kv_heads, past_length, head_dim] with fixed heads and head size");
            }
            if (lShape.length != 3 || lShape[2] <= 0) {
                throw new ModelException("model.onnx's logits have shape " + java.util.Arrays.toString(lShape)
                        + "; expected [batch, sequence, vocab] with a fixed vocabulary");
            }
            requireFloat(key.type, "past key values");
            requireFloat(logits.type, "logits");
            return new ModelSignature(layers, (int) kShape[1], (int) kShape[3], key.type, logits.type, (int) lShape[2],
                    in.containsKey(POSITION_IDS), pk, pv, ok, ov);
        } catch (OrtException e) {
            throw new ModelException("cannot read model.onnx's inputs and outputs: " + SessionFactory.firstLine(e.getMessage()), e);
        }
    }

    private static void requireFloat(OnnxJavaType type, String what) {
        if (type != OnnxJavaType.FLOAT && type != OnnxJavaType.FLOAT16) {
            throw new ModelException("model.onnx's " + what + " are " + type + "; the engine supports float32 and float16");
        }
    }

    private static Map<Integer, String[]> names(Map<String, NodeInfo> infos, Pattern pattern) {
        Map<Integer, String[]> byLayer = new TreeMap<>();
        for (String name : infos.keySet()) {
            Matcher m = pattern.matcher(name);
            if (m.matches()) {
                String[] pair = byLayer.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new String[2]);
                pair["key".equals(m.group(2)) ? 0 : 1] = name;
            }
        }
        return byLayer;
    }
}
