/**
 * The project's benchmark record: every measured figure, with the command that reproduces it,
 * the machine it ran on and the target it answers to, kept as data so that BENCHMARKS.md's table
 * is rendered from runs and never typed.
 *
 * <p><b>Tour.</b> A {@link io.batos.cli.bench.BenchmarkRecord} is one figure of one run: what was
 * measured, the number and its unit, the spread, the target ({@code ≥ 3500}, {@code ≤ 100},
 * {@code = 0}, or none: reported only), the command, and where and when it ran (a
 * {@link io.batos.cli.bench.Machine} description, the load average a
 * {@link io.batos.cli.bench.LoadWatch} saw during the run, the commit). A
 * {@link io.batos.cli.bench.BenchmarkLedger} is the directory of JSON files that holds the records
 * ({@code src/bench/results/} in a checkout): a run merges its records into one file by id, so
 * rerunning one benchmark replaces only its rows.
 *
 * <p><b>Why.</b> Figures typed by hand drift from the code and from each other; figures written by
 * the benchmark that measured them, beside the exact command, can be checked and reproduced. The
 * writers are the JMH runner and the workbench pulse benchmark (test scope), {@code batos bench
 * generate --record} and {@code batos soak --record}, and {@code packaging/measure-startup.sh};
 * the table's renderer and the test that keeps BENCHMARKS.md equal to it live with the benchmarks.
 */
package io.batos.cli.bench;
