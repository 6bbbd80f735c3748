package io.batos.cognition.llm;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * The key/value cache of one generation: the {@code present.*} tensors of the last run, fed
 * unchanged as the next run's {@code past_key_values.*}.
 *
 * <p>No Java-side copy: the tensors stay the native values ONNX Runtime returned, and the
 * {@link OrtSession.Result} that owns them is closed only after the next run has consumed them.
 * A new cache starts from zero-length tensors.
 */
final class KvCache implements AutoCloseable {
    private final ModelSignature signature;
    private final OnnxTensor[] pastKeys;
    private final OnnxTensor[] pastValues;
    private final OnnxTensor empty;
    private OrtSession.Result owner;
    private int length;

    KvCache(OrtEnvironment env, ModelSignature signature) throws OrtException {
        this.signature = signature;
        long[] shape = {1, signature.kvHeads(), 0, signature.headDim()};
        ByteBuffer none = ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());
        OnnxJavaType type = signature.kvType();
        this.empty = OnnxTensor.createTensor(env, none, shape, type);
        this.pastKeys = new OnnxTensor[signature.layers()];
        this.pastValues = new OnnxTensor[signature.layers()];
        java.util.Arrays.fill(pastKeys, empty);
        java.util.Arrays.fill(pastValues, empty);
    }

    /** Positions already in the cache. */
    int length() {
        return length;
    }

    /** Adds the past inputs to a run's inputs. */
    void feed(Map<String, OnnxTensorLike> inputs) {
        for (int i = 0; i < pastKeys.length; i++) {
            inputs.put(signature.pastKey()[i], pastKeys[i]);
            inputs.put(signature.pastValue()[i], pastValues[i]);
        }
    }

    /** Takes the presents of the run that just returned; the run before it is released now. */
    void advance(OrtSession.Result result, int added) {
        for (int i = 0; i < pastKeys.length; i++) {
            pastKeys[i] = tensor(result, signature.presentKey()[i]);
            pastValues[i] = tensor(result, signature.presentValue()[i]);
        }
        OrtSession.Result previous = owner;
        owner = result;
        length += added;
        if (previous != null) {
            previous.close();
        }
    }

    private static OnnxTensor tensor(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name).orElseThrow(() -> new ModelException("the model returned no " + name));
        return (OnnxTensor) value;
    }

    @Override
    public void close() {
        if (owner != null) {
            owner.close();
            owner = null;
        }
        empty.close();
    }
}
