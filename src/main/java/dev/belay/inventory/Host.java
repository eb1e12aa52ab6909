package dev.belay.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One host of an inventory, with the inventory defaults applied.
 *
 * @param identity path of the private key as written (may start with ~), or null
 * @param jump     name of the inventory host to jump through, or null
 * @param vars     host vars, usable as {@code ${host.KEY}}
 */
public record Host(String name, String address, String user, int port, String identity, String jump,
                   Map<String, String> vars) {

    public Host {
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }
}
