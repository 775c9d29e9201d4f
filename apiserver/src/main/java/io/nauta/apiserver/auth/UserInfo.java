package io.nauta.apiserver.auth;

import java.util.List;

/**
 * An authenticated caller.
 *
 * @param name user name, e.g. "admin" or "system:node:n1"
 * @param uid user id, may be empty
 * @param groups groups, e.g. ["system:masters", "system:authenticated"]
 */
public record UserInfo(String name, String uid, List<String> groups) {}
