package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.batos.kernel.ValueJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real command line in-process against one image directory and captures what it says.
 *
 * <p>Each run opens and closes the image, exactly as separate {@code batos} processes would, so
 * byte comparisons of {@code image.log} between runs are meaningful.
 */
final class CliRunner {
    private final Path image;

    CliRunner(Path image) {
        this.image = image;
    }

    Path image() {
        return image;
    }

    /** Runs {@code batos ARGS} with {@code --image} appended. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--image");
        all.add(image.toString());
        return raw(all.toArray(String[]::new));
    }

    /** Runs {@code batos ARGS} exactly as given. */
    static Result raw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args, outStream, errStream);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                String.join(" ", args));
    }

    /** What one run printed and how it exited. */
    record Result(int exit, String out, String err, String command) {
        Result ok() {
            assertThat(exit).as("exit of `%s`; stderr: %s", command, err).isZero();
            return this;
        }

        Result exits(int expected) {
            assertThat(exit).as("exit of `%s`; stdout: %s; stderr: %s", command, out, err).isEqualTo(expected);
            return this;
        }

        /** Asserts the §12 error shape: exactly one line, {@code batos: …}. */
        Result oneErrorLine() {
            assertThat(err.lines().toList()).as("stderr of `%s`", command).hasSize(1);
            assertThat(err).startsWith("batos: ");
            return this;
        }

        /** Parses stdout, asserting it holds exactly one JSON document and nothing else. */
        JsonNode json() {
            try (JsonParser parser = ValueJson.MAPPER.createParser(out)) {
                JsonNode document = ValueJson.MAPPER.readTree(parser);
                assertThat(document).as("JSON on stdout of `%s`: %s", command, out).isNotNull();
                assertThat(parser.nextToken()).as("anything after the JSON document of `%s`", command).isNull();
                return document;
            } catch (IOException e) {
                throw new UncheckedIOException("stdout of `" + command + "` is not JSON: " + out, e);
            }
        }
    }
}
