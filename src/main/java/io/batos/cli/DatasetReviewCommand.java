package io.batos.cli;

import io.batos.image.ImageException;
import io.batos.kernel.Vessel;
import io.batos.memory.flywheel.ReviewStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code batos dataset review ID EXAMPLE accept|reject|edit FILE}: the architect's verdict on one
 * example, in one transaction (undoable like any other).
 *
 * <p>{@code edit FILE}: the file holds either a whole chat example ({@code {"messages": […]}}) or
 * the text that replaces the assistant's answer (for a method, its artifact JSON). The file and the edit are checked before
 * anything is written: a missing file or a malformed example is a usage error (exit 2) and the
 * image stays as it was.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Accept, reject or edit one example: review ID EXAMPLE accept|reject|edit FILE")
final class DatasetReviewCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "the dataset's id")
    String id;

    @Parameters(index = "1", paramLabel = "EXAMPLE", description = "the example's number (from 1)")
    int example;

    @Parameters(index = "2", paramLabel = "VERDICT", description = "accept, reject or edit")
    String verdict;

    @Parameters(index = "3", arity = "0..1", paramLabel = "FILE",
            description = "for edit: a chat example as JSON, or the new answer as text")
    Path file;

    @Override
    public Integer call() {
        ReviewStatus status = switch (verdict) {
            case "accept" -> ReviewStatus.ACCEPTED;
            case "reject" -> ReviewStatus.REJECTED;
            case "edit" -> ReviewStatus.EDITED;
            default -> throw new ImageException(ImageException.Code.USAGE, "the verdict is accept, reject or edit, not '"
                    + verdict + "'");
        };
        String edit = null;
        if (status == ReviewStatus.EDITED) {
            if (file == null) {
                throw new ImageException(ImageException.Code.USAGE, "edit needs a FILE with the new example or answer");
            }
            try {
                edit = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ImageException(ImageException.Code.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
            }
        } else if (file != null) {
            throw new ImageException(ImageException.Code.USAGE, verdict + " takes no FILE");
        }
        long txId;
        try (Vessel vessel = openForWriting()) {
            txId = vessel.flywheel().review(id, example, status, edit, ORIGIN);
        }
        printTx("dataset " + id + " example " + example + ": " + status.word(), txId);
        return 0;
    }
}
