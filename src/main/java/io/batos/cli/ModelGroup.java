package io.batos.cli;

import picocli.CommandLine.Command;

/**
 * {@code batos model …}: the image's cognitive core — import an exported model into it, connect it
 * to a server, give it the demo core, describe it, or write a fixture model to try the engine.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Incarnate, describe or connect the image's cognitive core; write fixture models.",
        subcommands = {ModelImportCommand.class, ModelInfoCommand.class, ModelConnectCommand.class,
                ModelDemoCommand.class, ModelFixtureCommand.class})
final class ModelGroup {
}
