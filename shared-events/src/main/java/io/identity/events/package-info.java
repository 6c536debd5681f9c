/**
 * The facts of the identity domain. Every class here is persisted by name in the event store and published
 * on the event stream: renaming, moving or changing the meaning of one needs an upcaster and a frozen
 * fixture of the old shape. No event ever holds a raw password, token or security answer.
 */
package io.identity.events;
