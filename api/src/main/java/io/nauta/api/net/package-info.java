/** IPv4 addresses and CIDRs as the cluster's networking uses them: parsing, formatting, ranges. */
package io.nauta.api.net;
