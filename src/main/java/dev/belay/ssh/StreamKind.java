package dev.belay.ssh;

/** Which remote output stream a line came from. */
public enum StreamKind { STDOUT, STDERR }
