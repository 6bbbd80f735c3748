package io.batos.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbenchStateTest {
    @TempDir
    Path config;

    @BeforeEach
    void pointConfigAtTemp() {
        System.setProperty("batos.config.dir", config.toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty("batos.config.dir");
    }

    @Test
    void stateRoundTripsThroughTheConfigDirectory() {
        WorkbenchState state = new WorkbenchState(900, 650, 0.5, List.of(0.2, 0.7), List.of("Browser", "Workspace"),
                "Workspace", true);
        state.save();
        assertThat(WorkbenchState.file()).isEqualTo(config.resolve("workbench.json")).exists();
        assertThat(WorkbenchState.load()).isEqualTo(state);
    }

    @Test
    void aMissingOrBrokenFileGivesTheDefaults() throws Exception {
        assertThat(WorkbenchState.load()).isEqualTo(WorkbenchState.defaults());
        Files.writeString(config.resolve("workbench.json"), "{not json");
        assertThat(WorkbenchState.load()).isEqualTo(WorkbenchState.defaults());
    }
}
