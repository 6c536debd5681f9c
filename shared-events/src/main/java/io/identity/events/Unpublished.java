package io.identity.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field kept in the event store but left out of the event stream: no consumer needs it, and it would tell one
 * more than it should (hashes of secrets are left out by their name, {@code …Hash}, and need no mark).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Unpublished {}
