/**
 * The guardians, the deterministic half of the Stability–Plasticity Dialectic (DESIGN.md §6): the
 * PersistenceGuardian's fast text rules over a method's source refuse what must not enter the
 * image, and say why, before anything is compiled (the blueprint's Persistence Covenant and its
 * BUG-03); the DataGuardian checks data against the Data Covenant.
 *
 * <h2>A tour of the PersistenceGuardian</h2>
 * <ul>
 *   <li>{@link io.batos.guardian.PersistenceGuardian} — the facade: {@code audit(source[, selector])}
 *       answers an {@link io.batos.code.Verdict} of {@link io.batos.code.Finding}s, never an
 *       exception.</li>
 *   <li>{@code SourceParser} and {@code ParsedSource} — the method is wrapped in a generated class
 *       and parsed with JavaParser at the Java 17 level; positions are mapped back to the method
 *       source (1-based). Syntax errors are rule {@code parse}.</li>
 *   <li>{@code Rule} — one check with a stable id; the rules are
 *       {@code MethodShape} ({@code shape}: exactly one {@code Object name(UvmObject self,
 *       Object... args)}, named like its selector), {@code CovenantRule} ({@code covenant}: every
 *       normal exit after a state change is preceded by {@code self.markChanged();}, with the state
 *       changes found by {@code StateAccess}), {@code ForbiddenApiRule} ({@code forbidden-api}, with
 *       the names in {@code ForbiddenNames} and their uses found by {@code NameUses}),
 *       {@code StaticStateRule} ({@code static-state}) and {@code SyncRule} ({@code sync}).</li>
 * </ul>
 *
 * <h2>Which layer catches what</h2>
 * <p>These rules read text. They have no types (they cannot tell a {@code List} from a
 * {@code String} or know what {@code var x} holds) and no real control-flow graph (the covenant rule
 * follows statements, not exceptions thrown from every call). So they are neither complete nor
 * exact, and are not meant to be:
 * <ul>
 *   <li><b>This package — fast feedback.</b> It runs in the editor on every pause in typing and
 *       before every install, and names the line and column. It catches the honest mistakes: a
 *       forgotten {@code markChanged()}, a branch that misses it, {@code System.exit}, a file, a
 *       thread, a static cache, a {@code synchronized} block. A determined author can slip past it
 *       (a name it does not know, a state alias through a helper call).</li>
 *   <li><b>The sandbox in {@code io.batos.code} — the boundary.</b> After javac has resolved every
 *       symbol, a member allow-list checks each method, constructor and field the compiled code
 *       refers to, by owner and name, and the method's class loader refuses any class outside the
 *       allow-list. Whatever escapes the text rules (reflection through an odd name, a forbidden
 *       type reached through {@code var}) is refused there, with the member named.</li>
 *   <li><b>The commit-time covenant check in the image — exact.</b> A transaction knows which
 *       containers it handed out and whether they changed; an undeclared in-place change fails the
 *       commit with {@code CovenantViolationException} and nothing is written. The guardian's
 *       covenant rule only says so earlier, where the author can see it.</li>
 * </ul>
 * Deadlines and depth bounds (endless loops, endless recursion) belong to the code layer too; no
 * text rule tries to prove termination.
 *
 * <h2>A tour of the DataGuardian</h2>
 * <p>The blueprint builds Pydantic models from code strings in the codex and executes them. Here a
 * data covenant is a JSON Schema document (draft 2020-12 or 07) stored as text in ALFRED's codex
 * ({@code data_covenants}): data to validate against, never code to run.
 * <ul>
 *   <li>{@link io.batos.guardian.DataGuardian} — the facade: {@code validate(covenant, json)}
 *       answers a {@link io.batos.code.Verdict}; each finding's message starts with the JSON Pointer
 *       of the offending value ({@code data-covenant}), malformed text is one {@code parse} finding,
 *       a covenant that is no valid schema gives {@code covenant-schema} findings; only an unknown
 *       covenant name throws ({@code NOT_FOUND}).</li>
 *   <li>{@link io.batos.guardian.CovenantSource} — where covenants come from (the kernel reads
 *       ALFRED's codex through the transaction at hand; tests pass a map), so the guardian does not
 *       know where they live.</li>
 *   <li>{@link io.batos.guardian.CovenantCompiler} — compiles a schema text once, cached by its
 *       SHA-256 (an edited covenant applies at once); checks it against its dialect's meta-schema;
 *       loads nothing but the bundled meta-schemas. {@code CompiledCovenant} is its result: a
 *       validator, or the problems of a broken covenant.</li>
 *   <li>{@code DataFindings} — the validator's errors as findings a model can act on (a missing or
 *       unknown property is named by its own pointer; the allowed properties are listed);
 *       {@code StrictJson} — one document, no duplicate keys; {@code Jackson3Trees} — the
 *       validator speaks Jackson 3, the rest of the system Jackson 2.</li>
 *   <li>{@link io.batos.guardian.DataCovenantException} — how a commit refused by the Data Covenant
 *       fails (code {@code REJECTED}), carrying the verdict. The check itself lives in the kernel
 *       (it needs the object layer and the codex) and plugs into the image's
 *       {@link io.batos.image.CommitCheck} hook: an object whose own {@code covenant} slot names a
 *       covenant is validated at every commit that changes it.</li>
 * </ul>
 */
package io.batos.guardian;
