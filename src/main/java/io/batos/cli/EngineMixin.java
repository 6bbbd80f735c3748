package io.batos.cli;

import io.batos.cognition.llm.Device;
import io.batos.cognition.llm.EngineOptions;
import io.batos.image.ImageException;
import picocli.CommandLine.Option;

/**
 * The options of every command that runs an embedded model ({@code generate}, {@code bench
 * generate}): where it runs and with how many threads; a malformed device is a usage error (exit 2).
 */
final class EngineMixin {
    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "cpu, cuda, cuda:N or cuda,cpu (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime intra-op threads (0: one per core)")
    int threads;

    /** The device asked for. */
    Device device() {
        try {
            return Device.parse(device);
        } catch (IllegalArgumentException e) {
            throw new ImageException(ImageException.Code.USAGE, e.getMessage());
        }
    }

    /** These options as they would be typed, for a command that reproduces a run (" --device cuda"). */
    String asArguments() {
        return (device.equals("cpu") ? "" : " --device " + device) + (threads == 0 ? "" : " --threads " + threads);
    }

    /** Engine options for a model named {@code name} on the device and thread count asked for. */
    EngineOptions options(String name) {
        return EngineOptions.defaults(name).withDevice(device()).withThreads(threads);
    }
}
