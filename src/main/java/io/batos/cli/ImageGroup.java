package io.batos.cli;

import picocli.CommandLine.Command;

/**
 * {@code batos image …}: the commands about the image as a whole — its creation, figures,
 * soundness, biography and copies — rather than about objects in it.
 */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Create, describe, verify, browse, undo, pack and back up an image.",
        subcommands = {ImageInitCommand.class, ImageInfoCommand.class, ImageVerifyCommand.class,
                ImageHistoryCommand.class, ImageUndoCommand.class, ImagePackCommand.class,
                ImageBackupCommand.class, ImageDemoCommand.class})
final class ImageGroup {
}
