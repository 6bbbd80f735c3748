/**
 * The project's benchmarks, and the machinery that turns their runs into BENCHMARKS.md's table.
 *
 * <p><b>Tour.</b> One JMH class per concern: the living image ({@code CommitThroughputBenchmark},
 * {@code BulkCreateBenchmark}, {@code OpenBenchmark}, {@code ColdReadBenchmark},
 * {@code IndexRebuildBenchmark}, {@code SendBenchmark}, and {@code FsyncBenchmark} as the disk's own
 * reference), methods and the guardian ({@code MethodBenchmark}, {@code GuardianBenchmark}), the
 * audit log ({@code AuditBenchmark}), Fractal Memory ({@code MemoryBenchmark}) and the ZMQ server
 * ({@code NetBenchmark}); {@code WorkbenchPulseBenchmark} is a plain main, since the JavaFX toolkit
 * lives once per process. {@code BenchImages} and {@code ClosedImageBenchmark} make and remove the
 * images they measure.
 *
 * <p><b>The record.</b> Every {@code @Benchmark} method carries a {@link io.batos.bench.Goal} (what it
 * measures, which of JMH's numbers is its figure, in which unit, against which target) and its class
 * a {@link io.batos.bench.RecordedIn} area. {@link io.batos.bench.Bench}, which the {@code bench}
 * Maven profile runs instead of JMH's own main, runs JMH and hands each result to
 * {@link io.batos.bench.JmhRecords}, which makes it a {@link io.batos.cli.bench.BenchmarkRecord}
 * with the command that reruns exactly it; the records go into {@code src/bench/results/} and
 * {@link io.batos.bench.BenchmarkTable} renders them into BENCHMARKS.md, which
 * {@code BenchmarkTableTest} holds equal to the record.
 *
 * <p><b>Why it is shaped this way.</b> Targets written next to the code they measure travel with it;
 * figures written by the run that measured them, with its machine, load and commit, cannot drift
 * from it; and the JMH command line stays the interface, so nothing about running a benchmark
 * changes but that its figures are kept.
 */
package io.batos.bench;
