package io.batos.cli;

import picocli.CommandLine.Command;

/** {@code batos metacognition …}: ALFRED's view of the system's own thinking. */
@Command(name = "metacognition", mixinStandardHelpOptions = true,
        description = "ALFRED's meta-analysis of past cognitive cycles.",
        subcommands = MetacognitionReportCommand.class)
final class MetacognitionGroup {
}
