/**
 * Authentication: who is calling, from a client certificate issued by the cluster CA or a bearer
 * token from the static token file. A request that proves no identity is refused with 401.
 */
package io.nauta.apiserver.auth;
