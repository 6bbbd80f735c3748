package io.batos.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The area of the benchmark record ({@code src/bench/results/<area>.json}) that a benchmark class's
 * figures go to; nested state classes inherit their enclosing class's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RecordedIn {
    /** The area's file name without {@code .json}: "image", "methods", "audit", "memory", "wire". */
    String value();
}
