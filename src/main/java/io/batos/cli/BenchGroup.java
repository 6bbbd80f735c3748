package io.batos.cli;

import picocli.CommandLine.Command;

/** {@code batos bench …}: measurements a user can run on their own machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure this machine.",
        subcommands = {BenchGenerateCommand.class})
final class BenchGroup {
}
