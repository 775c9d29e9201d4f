/**
 * The Job controller: runs each Job's pods to {@code spec.completions} successes at most {@code
 * spec.parallelism} at a time (NonIndexed or Indexed), replaces failed pods after an exponential
 * backoff until {@code backoffLimit}, applies {@code podFailurePolicy}, {@code
 * activeDeadlineSeconds} and {@code suspend}, and reports counts and the conditions {@code kubectl
 * wait} reads (SuccessCriteriaMet then Complete, FailureTarget then Failed, Suspended).
 */
package io.nauta.controllers.job;
