package io.batos.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainViewModelTest {
    @TempDir
    Path dir;

    @Test
    void titleAndStatusFollowCommits() {
        try (ImageFixture image = new ImageFixture(dir)) {
            Notifications notifications = new Notifications();
            MainViewModel model = new MainViewModel(image.kernel(), TaskExecutor.sameThread(), notifications, dir);
            model.refresh();
            long before = image.vessel().image().lastTx();
            assertThat(model.titleProperty().get()).isEqualTo("BAT OS Workbench — " + dir + " — tx " + before);
            assertThat(model.figuresProperty().get()).contains("objects");
            long tx = image.kernel().setJson(image.kernel().lobby(), "n", "1");
            notifications.committed(tx, "set n");
            assertThat(model.titleProperty().get()).endsWith("tx " + tx);
            assertThat(model.notificationProperty().get()).isEqualTo("set n (tx " + tx + ")");
        }
    }

    @Test
    void failuresBecomeOneShortLine() {
        assertThat(Notifications.shortMessage(new java.util.concurrent.CompletionException(
                new IllegalArgumentException("first line\nsecond")))).isEqualTo("first line");
    }
}
