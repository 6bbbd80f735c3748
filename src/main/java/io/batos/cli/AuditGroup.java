package io.batos.cli;

import picocli.CommandLine.Command;

/** {@code batos audit …}: the cognitive audit log ({@code metacognition.jsonl}) and its ingestion. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Work with the cognitive audit log (metacognition.jsonl).",
        subcommands = AuditIngestCommand.class)
final class AuditGroup {
}
