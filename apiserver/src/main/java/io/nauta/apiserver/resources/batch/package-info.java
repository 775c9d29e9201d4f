/**
 * The {@code batch/v1} kinds: Jobs (defaults, generated selectors and labels, immutability) and
 * CronJobs (schedule and time zone validation, history limits, job templates).
 */
package io.nauta.apiserver.resources.batch;
