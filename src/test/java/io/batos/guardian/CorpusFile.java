package io.batos.guardian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One method of the guardian's test corpus under {@code src/test/resources/guardian/}.
 *
 * <p>Format: the file is the method source exactly as audited — its leading comment lines are part
 * of the source and count for line numbers. They carry the expectations: {@code // rule: <id>} on
 * the first line of a file in {@code reject/} (the rule it must trip), {@code // accept: <what it
 * shows>} in {@code accept/}, and optionally {@code // selector: <name>} on the next line (the
 * selector it is audited under).
 *
 * @param name     the file name without {@code .java}
 * @param source   the whole file, the method source
 * @param rule     the rule a reject file must trip; null for accept files
 * @param selector the selector to audit under, or null
 */
record CorpusFile(String name, String source, String rule, String selector) {

    private static final Pattern RULE = Pattern.compile("^// rule: (\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern SELECTOR = Pattern.compile("^// selector: (\\S+)\\s*$", Pattern.MULTILINE);

    /** All corpus files of one directory ({@code reject} or {@code accept}), by name. */
    static List<CorpusFile> all(String directory) {
        URL url = CorpusFile.class.getResource("/guardian/" + directory);
        if (url == null) {
            throw new IllegalStateException("no corpus directory guardian/" + directory + " on the class path");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".java")).sorted().map(CorpusFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CorpusFile read(Path path) {
        try {
            String source = Files.readString(path, StandardCharsets.UTF_8);
            String name = path.getFileName().toString().replaceFirst("\\.java$", "");
            String firstLine = source.lines().findFirst().orElse("");
            Matcher rule = RULE.matcher(firstLine);
            Matcher selector = SELECTOR.matcher(source.lines().limit(2).reduce("", (a, b) -> a + b + "\n"));
            return new CorpusFile(name, source, rule.find() ? rule.group(1) : null,
                    selector.find() ? selector.group(1) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
