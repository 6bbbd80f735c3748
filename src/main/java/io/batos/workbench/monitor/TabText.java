package io.batos.workbench.monitor;

import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;
import javafx.util.Duration;

/**
 * Puts text into a read-only text area only while its tab is open, and at most ten times a
 * second.
 *
 * <p>Why: a text area lays its whole text out again at every change, and the monitor's texts
 * change up to once a pulse while a model writes (the stream) or are long (an artifact with its
 * rationale, a raw answer). Measured on the workbench under load (BENCHMARKS.md), repainting them
 * eagerly, even in hidden tabs, cost the FX thread more than a frame. So the text is taken up
 * when the tab opens and then on a 100 ms beat, and only when it changed.
 */
final class TabText {
    /** How often an open tab takes up new text. */
    static final long REPAINT_MILLIS = 100;

    private final TextArea area;
    private final Tab tab;
    private final Supplier<String> text;
    private final int tailChars;
    private final boolean follow;

    /**
     * @param text      what the area should show (read on the UI thread)
     * @param tailChars at most this many characters, the last ones (0: all)
     * @param follow    keep the caret at the end (a stream), else at the start
     */
    TabText(TextArea area, Tab tab, Supplier<String> text, int tailChars, boolean follow) {
        this.area = area;
        this.tab = tab;
        this.text = text;
        this.tailChars = tailChars;
        this.follow = follow;
        Timeline beat = new Timeline(new KeyFrame(Duration.millis(REPAINT_MILLIS), e -> repaint()));
        beat.setCycleCount(Timeline.INDEFINITE);
        beat.play();
        tab.selectedProperty().addListener((obs, was, open) -> repaint());
    }

    /** Takes up the text now if the tab is open and the text changed. */
    void repaint() {
        if (!tab.isSelected()) {
            return;
        }
        String all = text.get();
        String shown = all == null ? "" : tailChars > 0 && all.length() > tailChars
                ? all.substring(all.length() - tailChars) : all;
        if (!shown.equals(area.getText())) {
            area.setText(shown);
            area.positionCaret(follow ? shown.length() : 0);
        }
    }
}
