package io.batos.guardian;

import io.batos.code.Finding;
import java.util.function.Consumer;

/**
 * One check the {@link PersistenceGuardian} runs over a method source that parsed.
 *
 * <p>Rules are the guardian's unit of meaning: each has a stable id (the {@code rule} of every
 * finding it reports, which editors, the command line and the self-correcting cycle key on) and
 * looks at the syntax tree only, with no types and no control-flow graph beyond what it builds
 * itself. A rule reports problems as {@link Finding}s and never throws for a bad source.
 *
 * <p>Contract: implementations are stateless and therefore safe to share between threads; one
 * finding per problem, placed (1-based line and column of the method source) at the node that
 * causes it.
 */
interface Rule {

    /** The stable id of this rule, e.g. {@code covenant}. */
    String id();

    /**
     * Checks one parsed source and reports each problem found.
     *
     * @param source   the parsed, wrapped source
     * @param findings where the findings go, in any order (the guardian sorts them)
     */
    void check(ParsedSource source, Consumer<Finding> findings);
}
