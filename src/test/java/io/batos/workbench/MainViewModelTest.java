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

    @Test
    void theStatusBarShowsTheImageSizeAsLogPlusBlobs() {
        assertThat(MainViewModel.humanBytes(512)).isEqualTo("512 B");
        assertThat(MainViewModel.humanBytes(1536)).isEqualTo("1.5 KiB");
        assertThat(MainViewModel.humanBytes(3L * 1024 * 1024)).isEqualTo("3.0 MiB");
        assertThat(MainViewModel.size(1024 * 1024, 512 * 1024)).isEqualTo("1.5 MiB (log 1.0 MiB + blobs 512.0 KiB)");
        try (ImageFixture image = new ImageFixture(dir)) {
            MainViewModel model = new MainViewModel(image.kernel(), TaskExecutor.sameThread(), new Notifications(), dir);
            model.refresh();
            io.batos.image.ImageInfo info = image.kernel().info();
            assertThat(model.figuresProperty().get()).endsWith(MainViewModel.size(info.logBytes(), info.blobBytes()));
        }
    }

    @Test
    void aFailureShowsOneShortLineWithTheFullTextBehindIt() {
        Notifications notifications = new Notifications();
        notifications.failed(new java.util.concurrent.CompletionException(
                new IllegalArgumentException("first line\nsecond line")));
        assertThat(notifications.messageProperty().get()).isEqualTo("first line");
        assertThat(notifications.detailsProperty().get()).isEqualTo(
                "java.util.concurrent.CompletionException: java.lang.IllegalArgumentException: first line\nsecond line"
                        + "\nCaused by: java.lang.IllegalArgumentException: first line\nsecond line");
        notifications.tell("3 findings", "line 2: no System.exit\nline 5: no threads");
        assertThat(notifications.messageProperty().get()).isEqualTo("3 findings");
        assertThat(notifications.detailsProperty().get()).contains("line 5: no threads");
        notifications.committed(7, "set n");
        assertThat(notifications.detailsProperty().get()).isEmpty();
    }
}
