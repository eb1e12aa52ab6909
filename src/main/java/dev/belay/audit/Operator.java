package dev.belay.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Who acted: the name given at run start plus the OS login and host name of the machine,
 * so a shared "ops" name still leads back to a person's machine.
 */
public record Operator(String name, String login, String machine) {

    public Operator {
        Objects.requireNonNull(name, "operator name");
        login = login == null ? "" : login;
        machine = machine == null ? "" : machine;
    }

    /** The named operator on this machine, as the OS reports it. */
    public static Operator current(String name) {
        return new Operator(name, System.getProperty("user.name", ""), localHostName());
    }

    private static String localHostName() {
        String env = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return env == null ? "unknown" : env;
        }
    }

    /** "alice (alice@ws-12)" for reports. */
    public String display() {
        return name + " (" + login + "@" + machine + ")";
    }
}
