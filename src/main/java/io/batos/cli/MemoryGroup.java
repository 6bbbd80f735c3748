package io.batos.cli;

import picocli.CommandLine.Command;

/** {@code batos memory …}: Fractal Memory, the knowledge catalog of past cognitive cycles. */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Search Fractal Memory (the knowledge catalog of past cycles).",
        subcommands = MemorySearchCommand.class)
final class MemoryGroup {
}
