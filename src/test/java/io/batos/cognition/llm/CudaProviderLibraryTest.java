package io.batos.cognition.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linker's reason for a CUDA provider that does not load. The case that matters — CUDA 12 or
 * cuDNN 9 missing — needs the GPU build of ONNX Runtime, which the tests do not carry; the
 * packaged batos-cuda is checked for it by {@code packaging/smoke-test.sh}. Here a file the linker
 * refuses stands in for it.
 */
class CudaProviderLibraryTest {

    @TempDir
    Path dir;

    @Test
    void aProviderTheLinkerRefusesIsExplainedInTheLinkersWordsOnOneLine() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path broken = Files.createDirectory(dir.resolve("broken"));
        Files.writeString(broken.resolve(CudaProviderLibrary.FILE_NAME), "not a shared library\n".repeat(8),
                StandardCharsets.US_ASCII);

        String why = CudaProviderLibrary.whyNotLoadable(List.of(empty, broken)).orElseThrow();

        assertThat(why).doesNotContain("\n").doesNotContain(broken.toString()).isNotBlank();
        assertThat(why.toLowerCase()).containsAnyOf("elf", "too short");
    }

    @Test
    void noProviderAnywhereGivesNoReasonSoOnnxRuntimesOwnMessageStands() throws Exception {
        assertThat(CudaProviderLibrary.whyNotLoadable(List.of(dir, dir.resolve("missing")))).isEmpty();
    }

    @Test
    void theProvidersOwnPathIsDroppedAndTheMissingLibraryIsKept() {
        Path library = Path.of("/opt/batos-cuda/lib/app/onnxruntime").resolve(CudaProviderLibrary.FILE_NAME);
        String message = library + ": libcublasLt.so.12: cannot open shared object file: No such file or directory";

        assertThat(CudaProviderLibrary.reason(message, library))
                .isEqualTo("libcublasLt.so.12: cannot open shared object file: No such file or directory");
        assertThat(CudaProviderLibrary.reason(library + ": " + library + ": invalid ELF header", library))
                .isEqualTo("invalid ELF header");
        assertThat(CudaProviderLibrary.reason("first\n  second", library)).isEqualTo("first second");
        assertThat(CudaProviderLibrary.reason(null, library)).isEqualTo("the linker gave no reason");
    }
}
