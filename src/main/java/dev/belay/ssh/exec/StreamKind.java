package dev.belay.ssh.exec;

/** Which remote output stream a line came from. */
public enum StreamKind { STDOUT, STDERR }
