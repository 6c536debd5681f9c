package io.identity.query.consistency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a processor that is no read model, such as the Kafka publisher or the audit log's hash chain: readers never
 * wait for it ({@code X-Min-Position}), and neither readiness nor the projections' status and lag count it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadersDoNotWait {}
