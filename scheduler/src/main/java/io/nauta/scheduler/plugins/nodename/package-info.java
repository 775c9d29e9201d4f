/** NodeName: a pod that names its node ({@code spec.nodeName}) fits only there. */
package io.nauta.scheduler.plugins.nodename;
