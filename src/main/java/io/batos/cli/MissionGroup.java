package io.batos.cli;

import picocli.CommandLine.Command;

/** {@code batos mission …}: missions given to the personas directly, not through doesNotUnderstand. */
@Command(name = "mission", mixinStandardHelpOptions = true, description = "Give the personas a mission.",
        subcommands = {MissionDataCommand.class})
final class MissionGroup {
}
