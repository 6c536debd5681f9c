/**
 * Security facts recorded for audit but belonging to no aggregate: they are published as plain events, so a
 * flood of failed logins never grows a user's stream.
 */
package io.identity.events.security;
