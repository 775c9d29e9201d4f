/**
 * What every controller runs on: a rate-limited work queue that hands each key to one worker at a
 * time, expectations that keep a controller from acting twice on a stale cache, an event recorder,
 * and the {@link io.nauta.controllers.runtime.Controller} base that ties informers, queue and a
 * level-driven {@code sync(key)} together.
 */
package io.nauta.controllers.runtime;
