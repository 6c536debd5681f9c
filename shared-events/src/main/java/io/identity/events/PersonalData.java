package io.identity.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field that holds personal data. It is stored encrypted with the key of the event's {@link DataSubject}; when
 * that person is erased, the key is deleted and the field reads back as erased, in every copy of the event store.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {}
