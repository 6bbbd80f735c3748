package io.batos.cli;

import picocli.CommandLine.Command;

/** {@code batos data …}: data and its covenants (the JSON Schemas in ALFRED's codex). */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Check data against the image's data covenants.",
        subcommands = DataCheckCommand.class)
final class DataGroup {
}
