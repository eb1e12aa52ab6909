package dev.belay.ui.run;

import dev.belay.ui.fx.FxEvents;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A question the SSH thread asks the operator: the dialog runs on the FX thread, the asking thread
 * waits on a future it completes, so the FX thread never waits for SSH (nor SSH for ever: no answer
 * within the time allowed, or an interrupt, counts as {@code otherwise}).
 */
final class FxQuestion {
    static final long TIMEOUT_MINUTES = 10;

    private FxQuestion() { }

    static <T> T ask(Supplier<T> dialogOnFx, T otherwise) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        FxEvents.fxThread().execute(() -> answer.complete(dialogOnFx.get()));
        try {
            return answer.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return otherwise;
        } catch (ExecutionException | TimeoutException e) {
            return otherwise;
        }
    }
}
