package dev.belay.engine;

/** The audit log as the engine sees it: a sink for new events and a history to read back. */
public interface RunStore extends EventSink, RunHistory {
}
