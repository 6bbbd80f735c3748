package io.batos.cognition.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Asks the dynamic linker why ONNX Runtime's CUDA provider library does not load.
 *
 * <p>When CUDA 12 or cuDNN 9 is missing, ONNX Runtime's Java API reports only "Failed to load
 * shared library"; the name of the missing library goes to its native log. Loading the provider
 * library once more, with {@link System#load}, makes the linker say the name in the exception
 * instead — the first library it could not find, exactly as the system sees it. This runs only
 * after ONNX Runtime has refused CUDA, so a provider that does load costs nothing.
 *
 * <p>The provider lies in {@code onnxruntime.native.path} in the packaged app, and otherwise in
 * the temporary directory ({@code onnxruntime-java*}) where ONNX Runtime unpacked it from its jar.
 */
final class CudaProviderLibrary {

    static final String FILE_NAME = System.mapLibraryName("onnxruntime_providers_cuda");

    private CudaProviderLibrary() {
    }

    /** The linker's reason the provider does not load here, or empty when it loads or is not found. */
    static Optional<String> whyNotLoadable() {
        return whyNotLoadable(candidateDirectories());
    }

    /** As {@link #whyNotLoadable()}, looking in these directories in order. */
    static Optional<String> whyNotLoadable(List<Path> directories) {
        for (Path directory : directories) {
            Path library = directory.resolve(FILE_NAME);
            if (Files.isRegularFile(library)) {
                try {
                    System.load(library.toAbsolutePath().toString());
                    return Optional.empty();
                } catch (UnsatisfiedLinkError e) {
                    return Optional.of(reason(e.getMessage(), library));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The linker's message without the provider's own path in front of it, on one line. The JVM
     * puts the path before the linker's message, which may start with it too.
     */
    static String reason(String message, Path library) {
        if (message == null) {
            return "the linker gave no reason";
        }
        String m = message.strip();
        String prefix = library.toAbsolutePath() + ": ";
        while (m.startsWith(prefix)) {
            m = m.substring(prefix.length());
        }
        return m.replaceAll("\\s*\\R\\s*", " ");
    }

    private static List<Path> candidateDirectories() {
        List<Path> directories = new ArrayList<>();
        String nativePath = System.getProperty("onnxruntime.native.path");
        if (nativePath != null && !nativePath.isBlank()) {
            directories.add(Path.of(nativePath));
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> unpacked = Files.list(tmp)) {
            unpacked.filter(p -> p.getFileName().toString().startsWith("onnxruntime-java"))
                    .filter(p -> Files.isRegularFile(p.resolve(FILE_NAME)))
                    .sorted(Comparator.comparing(CudaProviderLibrary::modified).reversed())
                    .forEach(directories::add);
        } catch (IOException | SecurityException e) {
            // Nothing to look at there: the caller falls back to ONNX Runtime's own message.
        }
        return directories;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
