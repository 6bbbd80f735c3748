package io.batos.cognition.llm;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;

/**
 * Creates ONNX Runtime sessions on the device the user asked for, or explains exactly why not.
 *
 * <p>{@code getAvailableProviders()} lists what the runtime was compiled with, not what works on
 * this machine: the CPU jar has no CUDA at all, and the GPU jar still needs CUDA 12 and cuDNN 9
 * libraries and a GPU at run time (the missing library is named: {@link CudaProviderLibrary}).
 * Both cases end in a one-line reason; with CPU fallback allowed
 * ({@code cuda,cpu}) the session runs on the CPU and the reason travels with it as a note.
 */
final class SessionFactory {

    /** A session and where it actually runs. */
    record Opened(OrtSession session, String device, String note) {
    }

    private SessionFactory() {
    }

    static Opened open(OrtEnvironment env, Path model, EngineOptions options) {
        Device device = options.device();
        String note = "";
        if (device.cuda()) {
            String whyNot = cudaUnavailable(device.cudaDevice());
            if (whyNot == null) {
                try {
                    return new Opened(create(env, model, options, true), device.runsOn(), "");
                } catch (OrtException e) {
                    whyNot = "CUDA failed: " + firstLine(e.getMessage());
                }
            }
            if (!device.cpuFallback()) {
                throw new ModelException("cannot run on " + device.runsOn() + ": " + whyNot);
            }
            note = "running on cpu because " + whyNot;
        }
        try {
            return new Opened(create(env, model, options, false), "cpu", note);
        } catch (OrtException e) {
            throw new ModelException("cannot load " + model + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Why CUDA cannot be used, or null when it can be tried. */
    private static String cudaUnavailable(int ordinal) {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            return "this build has the CPU-only ONNX Runtime (build with -Pcuda for CUDA 12 + cuDNN 9)";
        }
        try (OrtSession.SessionOptions probe = new OrtSession.SessionOptions()) {
            probe.addCUDA(ordinal);
            return null;
        } catch (OrtException e) {
            return "CUDA is not usable here: " + CudaProviderLibrary.whyNotLoadable()
                    .map(why -> why + " (CUDA 12 and cuDNN 9 must be on the loader path)")
                    .orElseGet(() -> firstLine(e.getMessage()));
        }
    }

    private static OrtSession create(OrtEnvironment env, Path model, EngineOptions options, boolean cuda)
            throws OrtException {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (options.intraOpThreads() > 0) {
                so.setIntraOpNumThreads(options.intraOpThreads());
            }
            so.setCPUArenaAllocator(options.memoryArena());
            so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            if (cuda) {
                so.addCUDA(options.device().cudaDevice());
            }
            // By path, not bytes: external data next to model.onnx is found and memory-mapped.
            return env.createSession(model.toString(), so);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.replaceFirst("^Error code - \\w+ - message: ", "").strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
