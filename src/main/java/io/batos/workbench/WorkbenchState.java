package io.batos.workbench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the workbench remembers between runs — window size, split positions, open tabs, theme —
 * kept in the user's config directory and never in the image (DESIGN.md §12).
 *
 * <p>The file is {@code workbench.json} in {@link #configDir()}: the system property
 * {@code batos.config.dir} when set (tests use it), else {@code $XDG_CONFIG_HOME/batos}, else
 * {@code ~/.config/batos}. A missing or unreadable file yields {@link #defaults()}: window state is
 * a convenience and never stops the workbench from opening.
 *
 * @param width        window width
 * @param height       window height
 * @param mainDivider  position of the divider between the tabs and the inspector (0..1)
 * @param browserDividers the browser's split positions (objects | slots, slots | editor)
 * @param openTabs     titles of the open tabs, in order
 * @param selectedTab  title of the selected tab
 * @param dark         whether the dark theme is on
 */
public record WorkbenchState(double width, double height, double mainDivider, List<Double> browserDividers,
                             List<String> openTabs, String selectedTab, boolean dark) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public WorkbenchState {
        browserDividers = browserDividers == null ? List.of() : List.copyOf(browserDividers);
        openTabs = openTabs == null ? List.of() : List.copyOf(openTabs);
    }

    /** The state of a first run. */
    public static WorkbenchState defaults() {
        return new WorkbenchState(1200, 800, 0.68, List.of(0.3, 0.6), List.of(), null, false);
    }

    /** The directory that holds the user's workbench settings. */
    public static Path configDir() {
        return io.batos.kernel.UserConfig.dir();
    }

    /** The settings file. */
    public static Path file() {
        return configDir().resolve("workbench.json");
    }

    /** The remembered state, or the defaults when there is none or it cannot be read. */
    public static WorkbenchState load() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            WorkbenchState state = JSON.readValue(file.toFile(), WorkbenchState.class);
            return state.width() > 0 && state.height() > 0 ? state : defaults();
        } catch (IOException | RuntimeException e) {
            System.err.println("batos: ignoring unreadable " + file + ": " + Notifications.shortMessage(e));
            return defaults();
        }
    }

    /** Writes this state (creating the directory); a failure is reported on stderr, not thrown. */
    public void save() {
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling("workbench.json.tmp");
            JSON.writeValue(temp.toFile(), this);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("batos: could not save " + file + ": " + Notifications.shortMessage(e));
        }
    }
}
