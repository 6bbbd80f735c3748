/**
 * Behaviour in the image: method slots compiled from Java source, primitives, and the sandbox
 * every method runs in.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.code.MethodRuntime} — the object layer's {@code MethodInvoker}: compiles
 *       a method once per source (in memory, many in one javac task, cached on disk in the
 *       image's {@code vessel/}), runs primitives, and keeps every send inside its
 *       {@link io.batos.code.Budget} (time and nesting); a runaway method ends with a clear error
 *       and is quarantined until installed again. {@code evaluate} is "do it".</li>
 *   <li>{@code MethodUnit} wraps a method into the generated class implementing
 *       {@link io.batos.code.SlotMethod}; {@code Instrumenter} inserts budget checks at method and
 *       lambda entry and loop back-edges without moving any line. Sends never read the clock:
 *       {@code BudgetWatch}, one thread, times them and marks the ones past their limit.</li>
 *   <li>The sandbox, in depth: {@code SandboxScanner} checks every symbol javac resolved against
 *       {@link io.batos.code.SandboxPolicy} ({@code sandbox/allow-list.txt}) — the boundary;
 *       {@code MethodClassLoader} refuses to link any class outside it — the second net. The
 *       guardian's text rules (package {@code guardian}) come first and give early feedback.</li>
 *   <li>{@link io.batos.code.Verdict} and {@link io.batos.code.Finding} — what every check answers:
 *       data, not exceptions ({@link io.batos.code.RejectedException} carries one where an API must
 *       answer with a value).</li>
 *   <li>{@link io.batos.code.Primitives} — the names a process binds to Java implementations.</li>
 * </ul>
 *
 * <p>Which layer catches what: the guardian (text) is fast and incomplete; the allow-list on
 * resolved symbols is exact about what code can reach; the class loader catches what bytecode
 * could still reference; the budget catches what no static check can (loops, recursion); the
 * image's commit-time covenant check catches an undeclared in-place change exactly.
 */
package io.batos.code;
