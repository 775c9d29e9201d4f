/**
 * The ServiceAccount controller: every active namespace has a {@code default} service account,
 * recreated if deleted.
 */
package io.nauta.controllers.serviceaccount;
