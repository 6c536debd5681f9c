package io.identity.query.rebuild;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The tables a projection's handlers write and read, for its rebuild ({@link Rebuilds}): the rebuild runs the same
 * handlers against empty copies of them in a schema of its own, then puts its tables in the place of the old ones.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadModel {

    /** The tables this projection alone writes: built anew and swapped in whole. */
    String[] tables();

    /**
     * Tables the projection shares with others, each keeping its own rows under its processing group (a
     * {@code processing_group} column): the rebuild replaces this projection's rows only.
     */
    String[] sharedByGroup() default {};

    /** Tables the handlers touch that are not built from the events: the rebuild writes to an empty copy. */
    String[] scratch() default {};
}
