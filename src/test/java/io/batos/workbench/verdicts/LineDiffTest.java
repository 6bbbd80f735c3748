package io.batos.workbench.verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.workbench.verdicts.LineDiff.Kind;
import io.batos.workbench.verdicts.LineDiff.Line;
import io.batos.workbench.verdicts.LineDiff.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict queue's line diff: kept, removed and added lines by LCS, and their side-by-side rows. */
class LineDiffTest {
    static final String BEFORE = """
            Object greet(UvmObject self, Object... args) {
                String name = (String) args[0];
                return "Hello, " + name;
            }""";
    static final String AFTER = """
            Object greet(UvmObject self, Object... args) {
                String name = (String) args[0];
                String mood = (String) self.get("mood");
                return "Hello, " + name + " (" + mood + ")";
            }""";

    @Test
    void aChangedLineIsRemovedThenAddedAndAnInsertedLineIsAdded() {
        List<Line> diff = LineDiff.diff(BEFORE, AFTER);
        assertThat(diff).extracting(Line::kind).containsExactly(Kind.SAME, Kind.SAME, Kind.REMOVED, Kind.ADDED,
                Kind.ADDED, Kind.SAME);
        assertThat(diff.get(2)).isEqualTo(new Line(Kind.REMOVED, "    return \"Hello, \" + name;", 3, 0));
        assertThat(diff.get(3)).isEqualTo(new Line(Kind.ADDED, "    String mood = (String) self.get(\"mood\");", 0, 3));
        assertThat(diff.get(5)).isEqualTo(new Line(Kind.SAME, "}", 4, 5));
        assertThat(LineDiff.stat(diff)).isEqualTo("+2 −1");
    }

    @Test
    void sideBySidePairsARemovedRunWithTheAddedRunAfterIt() {
        List<Row> rows = LineDiff.sideBySide(LineDiff.diff(BEFORE, AFTER));
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).left()).isSameAs(rows.get(0).right());
        assertThat(rows.get(2).left().kind()).isEqualTo(Kind.REMOVED);
        assertThat(rows.get(2).right().text()).contains("String mood");
        assertThat(rows.get(3).left()).isNull();
        assertThat(rows.get(3).right().text()).contains("mood + \")\"");
        assertThat(rows.get(4).left().text()).isEqualTo("}");
    }

    @Test
    void aNewMethodIsAllAddedAndEqualTextsAreAllKept() {
        assertThat(LineDiff.diff(null, AFTER)).extracting(Line::kind).containsOnly(Kind.ADDED).hasSize(5);
        assertThat(LineDiff.diff(BEFORE, null)).extracting(Line::kind).containsOnly(Kind.REMOVED).hasSize(4);
        assertThat(LineDiff.diff(BEFORE, BEFORE)).extracting(Line::kind).containsOnly(Kind.SAME).hasSize(4);
        assertThat(LineDiff.diff("", "")).isEmpty();
    }

    @Test
    void theDiffKeepsALongestCommonSubsequence() {
        // a b c d → b x d: keeping b and d (two lines) beats any alignment on a single line.
        List<Line> diff = LineDiff.diff("a\nb\nc\nd", "b\nx\nd");
        assertThat(diff.stream().filter(l -> l.kind() == Kind.SAME).map(Line::text)).containsExactly("b", "d");
        assertThat(diff).extracting(Line::kind).containsExactly(Kind.REMOVED, Kind.SAME, Kind.REMOVED, Kind.ADDED,
                Kind.SAME);
    }

    @Test
    void whitespaceCountsAndTrailingNewlinesDoNot() {
        assertThat(LineDiff.diff("x\n", "x")).extracting(Line::kind).containsExactly(Kind.SAME);
        assertThat(LineDiff.diff("  x", "x")).extracting(Line::kind).containsExactly(Kind.REMOVED, Kind.ADDED);
    }
}
