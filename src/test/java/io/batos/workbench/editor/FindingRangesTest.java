package io.batos.workbench.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.code.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where findings' squiggles go, and the highlighter's spans. */
class FindingRangesTest {
    private static final String TEXT = "Object m(UvmObject self) {\n    xs.add(1);\n    return null;\n}";

    @Test
    void aFindingWithAColumnCoversTheWordThere() {
        List<FindingRanges.Range> ranges = FindingRanges.of(TEXT, List.of(Finding.error("covenant", "x", 2, 5)));
        assertThat(ranges).singleElement().satisfies(r ->
                assertThat(TEXT.substring(r.start(), r.end())).isEqualTo("xs"));
    }

    @Test
    void aFindingWithoutAColumnCoversItsLineAndOneWithoutALineNothing() {
        List<FindingRanges.Range> ranges = FindingRanges.of(TEXT, List.of(
                Finding.warning("w", "x", 3, 0), Finding.error("compile", "x", 0, 0)));
        assertThat(ranges).singleElement().satisfies(r ->
                assertThat(TEXT.substring(r.start(), r.end())).isEqualTo("return null;"));
    }

    @Test
    void aPlacePastTheTextIsClampedNotThrown() {
        List<FindingRanges.Range> ranges = FindingRanges.of("ab", List.of(Finding.error("x", "x", 9, 40)));
        assertThat(ranges).singleElement().satisfies(r -> {
            assertThat(r.start()).isBetween(0, 1);
            assertThat(r.end()).isEqualTo(r.start() + 1);
        });
    }

    @Test
    void theHighlighterCoversTheWholeTextAndMarksKeywords() {
        var spans = JavaHighlighter.compute(TEXT);
        assertThat(spans.length()).isEqualTo(TEXT.length());
        assertThat(spans.getStyleSpan(0).getStyle()).isEmpty();
        int at = 0;
        boolean keyword = false;
        for (var span : spans) {
            if (TEXT.startsWith("return", at) && span.getStyle().contains("keyword")) {
                keyword = true;
            }
            at += span.getLength();
        }
        assertThat(keyword).isTrue();
    }
}
