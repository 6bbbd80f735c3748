package io.batos.cli;

import picocli.CommandLine.Command;

/** {@code batos guardian …}: the guardians, usable on a file before anything touches an image. */
@Command(name = "guardian", mixinStandardHelpOptions = true, description = "Check method sources.",
        subcommands = GuardianCheckCommand.class)
final class GuardianGroup {
}
