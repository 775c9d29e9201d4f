/** The built-in Kubernetes resources Nauta serves, one sub-package per API group. */
package io.nauta.apiserver.resources;
