/** Durations in the text form Kubernetes flags, fields and schedules use (Go's). */
package io.nauta.api.duration;
