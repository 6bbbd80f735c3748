package io.batos.cli;

import picocli.CommandLine.Command;

/** {@code batos dataset …}: the fine-tuning datasets ALFRED curated, reviewed and exported by the architect. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "List, show, review and export the fine-tuning datasets ALFRED curated.",
        subcommands = {DatasetListCommand.class, DatasetShowCommand.class, DatasetReviewCommand.class,
                DatasetExportCommand.class})
final class DatasetGroup {
}
