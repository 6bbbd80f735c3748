package io.batos.cli;

import picocli.CommandLine.Command;

/** {@code batos method …}: behaviour in the image. */
@Command(name = "method", mixinStandardHelpOptions = true, description = "Install methods.",
        subcommands = MethodInstallCommand.class)
final class MethodGroup {
}
