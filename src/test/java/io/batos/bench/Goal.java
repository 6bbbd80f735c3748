package io.batos.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a JMH benchmark method measures, which of JMH's numbers is its figure, and the target it
 * answers to — the row it becomes in BENCHMARKS.md's table.
 *
 * <p>{@link Bench} reads it from the method after the run. The figure is JMH's score, a percentile
 * of a sampled run ({@code p50}, {@code p95}, …) or a secondary result ({@code @AuxCounters}),
 * shown in {@link #unit()}: a time unit ({@code ns}, {@code µs}, {@code ms}, {@code s}) or a rate
 * ending in {@code /s}. A time per operation becomes a rate as {@link #items()} per that time, so a
 * single shot of 463 ms that creates 100,000 objects reads "216,000 objects/s".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Goal {
    /** One sentence: what one operation does and what the figure says. */
    String what();

    /** Empty (reported only) or {@code ≥ N}, {@code ≤ N}, {@code = N} in {@link #unit()}. */
    String target() default "";

    /** {@code score}, {@code pNN} (a percentile of a sampled run) or the name of a secondary result. */
    String figure() default "score";

    /** The unit the figure is shown in; empty keeps JMH's. */
    String unit() default "";

    /** Items one operation handles, when a time per operation is shown as items per second. */
    long items() default 1;
}
