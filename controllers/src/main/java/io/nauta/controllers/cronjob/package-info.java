/**
 * The CronJob controller: creates each CronJob's Job at the latest due time of its cron schedule in
 * its time zone (named {@code <cronjob>-<minutes since the epoch>}, so a time is never run twice),
 * honouring concurrencyPolicy, startingDeadlineSeconds and suspend, keeps status.active,
 * lastScheduleTime and lastSuccessfulTime, and deletes finished Jobs beyond the history limits.
 */
package io.nauta.controllers.cronjob;
