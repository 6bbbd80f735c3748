package io.batos.workbench;

import io.batos.kernel.Kernel;
import io.batos.testing.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.application.Platform;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole main window on a fresh real image, headless (Monocle), for one test to drive with a
 * robot: the set-up and tear-down every window test shares, as a JUnit extension.
 *
 * <pre>
 * &#64;RegisterExtension
 * final WindowFixture fx = new WindowFixture().preparing(image -&gt; image.vessel().cognitiveCore().attach(model));
 * </pre>
 *
 * <p>Why the window tests share it: before the window shows, the kernel's guard forbids the FX
 * thread, and every view action goes through a {@link FxTaskExecutor} — so each passing window test
 * also proves that its view never calls the kernel on the FX thread (such a call would throw, and
 * the view would show an error instead of what the test waits for). What a test needs on the image
 * first — objects cloned, a model attached, remembered cycles — it does in {@link #preparing}, which
 * runs before the guard is set; what it reads from the kernel later it reads through {@link #offFx}.
 *
 * <p>Before each test: registers the toolkit's primary stage, points {@code batos.config.dir} at a
 * fresh directory (the window's remembered state), opens an {@link ImageFixture} in a fresh
 * directory, runs the preparation, forbids the FX thread, starts an executor and shows the window
 * (unless {@link #shownByTheTest()}). After it: cleans up the stages, closes the executor and the
 * image (unless the test closed it, {@link #closeImage()}), clears {@code batos.config.dir} and
 * deletes both directories. Anything more special — reopening the window, a second image — stays in
 * the test.
 */
public final class WindowFixture implements BeforeEachCallback, AfterEachCallback {
    /** How long {@link #waitUntil} waits: the longest any window test needed (the model's first answer). */
    public static final long TIMEOUT_SECONDS = 30;
    /** How long {@link #offFx} waits for its call: the longest any window test allowed. */
    public static final long OFF_FX_TIMEOUT_SECONDS = 20;
    private static final String CONFIG_DIR = "batos.config.dir";

    private final FxRobot robot = new FxRobot();
    private boolean created;
    private Consumer<ImageFixture> preparation = image -> { };
    private String tab;
    private boolean showOnOpen = true;

    private Path dir;
    private Path config;
    private ImageFixture image;
    private FxTaskExecutor executor;
    private volatile WorkbenchWindow window;
    private volatile boolean imageClosed;

    /** Whether the window opens as on an image just created (the Welcome pane); false unless set. */
    public WindowFixture created(boolean created) {
        this.created = created;
        return this;
    }

    /** What the test prepares on the image before the guard is set and the window shows. */
    public WindowFixture preparing(Consumer<ImageFixture> preparation) {
        this.preparation = preparation;
        return this;
    }

    /** The tab the window switches to each time it shows. */
    public WindowFixture onTab(String tab) {
        this.tab = tab;
        return this;
    }

    /** The window does not show before the test: the test prepares more, then calls {@link #show()}. */
    public WindowFixture shownByTheTest() {
        this.showOnOpen = false;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
        dir = TestDirs.create("window-");
        config = TestDirs.create("window-config-");
        System.setProperty(CONFIG_DIR, config.toString());
        image = new ImageFixture(dir.resolve("image"));
        preparation.accept(image);
        image.kernel().guard().forbid(t -> Platform.isFxApplicationThread());
        executor = new FxTaskExecutor();
        if (showOnOpen) {
            show();
        }
    }

    /** Shows the window on a new stage (again, after {@code FxToolkit.cleanupStages()}) and waits for it. */
    public WorkbenchWindow show() throws Exception {
        FxToolkit.setupStage(stage -> window = WorkbenchWindow.show(stage, image.kernel(), executor, image.dir(),
                created));
        if (tab != null) {
            robot.interact(() -> window.view().showTab(tab));
        }
        WaitForAsyncUtils.waitForFxEvents();
        return window;
    }

    /** Closes the image now (say, from the window's close handler); the fixture then leaves it alone. */
    public void closeImage() {
        image.close();
        imageClosed = true;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            FxToolkit.cleanupStages();
            if (executor != null) {
                executor.close();
            }
            if (image != null && !imageClosed) {
                image.close();
            }
        } finally {
            System.clearProperty(CONFIG_DIR);
        }
        delete(dir);
        delete(config);
    }

    private static void delete(Path tree) throws IOException {
        if (tree == null || !Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Waits until the condition, read on the FX thread, holds; fails after {@value #TIMEOUT_SECONDS} s. */
    public static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(
                WaitForAsyncUtils.asyncFx(condition).get()));
    }

    /**
     * Runs a kernel call on a worker thread and waits for its answer: the guard forbids the FX thread,
     * and the caller (the test thread, or a {@link #waitUntil} condition on the FX thread) may be either.
     */
    public static <T> T offFx(Callable<T> call) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }).get(OFF_FX_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public FxRobot robot() {
        return robot;
    }

    /** The test's own directory: the image lives in its {@code image} folder. */
    public Path dir() {
        return dir;
    }

    /** The window's config directory ({@code batos.config.dir}). */
    public Path config() {
        return config;
    }

    public ImageFixture image() {
        return image;
    }

    public Kernel kernel() {
        return image.kernel();
    }

    public FxTaskExecutor executor() {
        return executor;
    }

    /** The window last shown. */
    public WorkbenchWindow window() {
        return window;
    }
}
