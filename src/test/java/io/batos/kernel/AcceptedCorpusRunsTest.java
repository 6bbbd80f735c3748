package io.batos.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.image.LivingImage;
import io.batos.object.UvmObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method of the guardian's accept corpus passes all three checks (guardian, compiler,
 * sandbox), installs, and runs — with no arguments on a fresh object — to a commit that keeps the
 * Persistence Covenant.
 */
class AcceptedCorpusRunsTest {
    private static final Pattern NAME = Pattern.compile("Object\\s+(\\w+)\\s*\\(\\s*(?:final\\s+)?UvmObject");
    private static Path dir;
    private static Vessel vessel;

    @BeforeAll
    static void open() throws IOException {
        dir = io.batos.testing.TestDirs.create("corpus");
        vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
    }

    @AfterAll
    static void close() {
        vessel.close();
    }

    static Stream<Path> accepted() throws IOException {
        return Files.list(Path.of("src/test/resources/guardian/accept")).filter(p -> p.toString().endsWith(".java"))
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void installsAndRuns(Path file) throws IOException {
        String source = Files.readString(file);
        Matcher name = NAME.matcher(source);
        assertThat(name.find()).as("a method in %s", file).isTrue();
        String selector = name.group(1);
        long oid = vessel.image().inTransaction("object for " + file.getFileName(), "test",
                tx -> vessel.space().lobby(tx).clone().oid());
        MethodInstaller.Result result = vessel.installer().install("@" + oid, selector, source, "test");
        assertThat(result.installed()).as("%s: %s", file.getFileName(), result.verdict()).isTrue();
        vessel.image().inTransaction("run " + selector, "test", tx -> {
            UvmObject receiver = vessel.space().object(tx, oid);
            return receiver.send(selector);
        });
    }
}
