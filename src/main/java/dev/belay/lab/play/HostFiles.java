package dev.belay.lab.play;

import java.util.Optional;

/**
 * The few files on a lab host that both a play and the host's own shell touch: Galera's
 * {@code grastate.dat} (read by {@code cat}, edited by {@code sed -i}, removed by {@code rm}),
 * the RabbitMQ mnesia directory ({@code rm -rf}), {@code /etc/kolla/globals.yml}, a log file a
 * played command writes ({@code mysqld --log-error=FILE}). Paths are absolute, as seen on the host.
 * The lab backs this with each host's sandbox root ({@link DirectoryHostFiles}); tests use
 * {@link MemoryHostFiles}. A play that reads a file back honours what the operator changed in it.
 */
public interface HostFiles extends HostFs {

    @Override
    Optional<String> read(String host, String path);

    /** Writes {@code content}, creating parent directories. */
    void write(String host, String path, String content);

    /** Whether a file or directory exists at {@code path}. */
    @Override
    boolean exists(String host, String path);

    /** Removes a file or a whole directory tree (nothing if absent). */
    void delete(String host, String path);
}
