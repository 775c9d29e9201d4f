/**
 * Built-in lifecycle duties of the API server: the system namespaces exist, and a namespace being
 * deleted has its content removed before it goes away.
 */
package io.nauta.apiserver.lifecycle;
