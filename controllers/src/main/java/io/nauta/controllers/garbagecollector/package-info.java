/**
 * The garbage collector: follows ownerReferences across every kind the API serves, deleting objects
 * whose owners are all gone (background), deleting an owner's dependents before the owner when it
 * is deleted in the foreground, and cutting dependents loose when it is deleted with the orphan
 * policy.
 */
package io.nauta.controllers.garbagecollector;
