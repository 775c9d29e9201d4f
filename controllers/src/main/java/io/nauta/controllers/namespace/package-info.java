/**
 * The Namespace controller: a namespace being deleted is emptied of every namespaced object, then
 * its {@code kubernetes} finalizer is removed so the API server can delete it.
 */
package io.nauta.controllers.namespace;
