/**
 * The TTL-after-finished controller: deletes each finished Job (condition Complete or Failed true)
 * {@code spec.ttlSecondsAfterFinished} seconds after it finished, with propagation policy
 * Background so the garbage collector removes its pods; a Job whose TTL is unset is kept.
 */
package io.nauta.controllers.ttlafterfinished;
