package io.batos.cognition.llm;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model should run, as the user writes it: {@code cpu}, {@code cuda}, {@code cuda:N}, or
 * {@code cuda,cpu} / {@code cuda:N,cpu} to allow falling back to the CPU when CUDA cannot be used.
 *
 * @param cuda        true when CUDA was asked for
 * @param cudaDevice  the GPU ordinal (0 unless {@code cuda:N})
 * @param cpuFallback whether running on the CPU is acceptable when CUDA is not
 */
public record Device(boolean cuda, int cudaDevice, boolean cpuFallback) {
    public static final Device CPU = new Device(false, 0, true);

    private static final Pattern SPEC = Pattern.compile("(cpu)|cuda(?::(\\d{1,3}))?(,cpu)?");

    /** Parses a device spec; a malformed one is an {@link IllegalArgumentException} naming it. */
    public static Device parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown device '" + spec + "' (expected cpu, cuda, cuda:N or cuda,cpu)");
        }
        if (m.group(1) != null) {
            return CPU;
        }
        return new Device(true, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), m.group(3) != null);
    }

    /** The name of the device a session on it runs on: {@code cpu} or {@code cuda:N}. */
    public String runsOn() {
        return cuda ? "cuda:" + cudaDevice : "cpu";
    }

    @Override
    public String toString() {
        return cuda ? runsOn() + (cpuFallback ? ",cpu" : "") : "cpu";
    }
}
