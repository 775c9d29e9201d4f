/**
 * The single {@code nauta} binary: command-line parsing, configuration files, and the wiring and
 * start order of the components a command runs.
 */
package io.nauta.server;
