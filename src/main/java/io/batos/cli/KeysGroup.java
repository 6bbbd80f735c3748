package io.batos.cli;

import picocli.CommandLine.Command;

/** {@code batos keys …}: CURVE key pairs for {@code batos serve} and {@code batos client}. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Make CURVE key pairs for serving beyond loopback.",
        subcommands = {KeysGenerateCommand.class})
final class KeysGroup {
}
