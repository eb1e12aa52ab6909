package dev.belay.ui.run;

import dev.belay.engine.FailureSummary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.engine.AuditEventSink;
import dev.belay.engine.CheckResult;
import dev.belay.engine.Countdown;
import dev.belay.engine.HostResult;
import dev.belay.engine.HostStatus;
import dev.belay.engine.Plan;
import dev.belay.engine.PlanFiles;
import dev.belay.engine.Resolution;
import dev.belay.engine.RunController;
import dev.belay.engine.RunEngine;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunOptions;
import dev.belay.engine.RunState;
import dev.belay.engine.StepStatus;
import dev.belay.ssh.exec.ExecResult;
import dev.belay.ui.run.StepChoices.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run window's rule and commands without JavaFX: a real engine (its commands answered by a
 * transport that plays a host's shell), a real audit log in H2, and the presenter between them.
 */
class RunPresenterTest {

    static final Path BOOKS = Path.of("src/test/resources/dev/belay/ui/run/runbooks");
    static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    AuditStore audit;
    RunController run;
    final List<RunScreen> screens = new ArrayList<>();
    final AtomicReference<String> error = new AtomicReference<>("");
    final List<String> asked = new ArrayList<>();
    RunPresenter presenter;

    @BeforeEach
    void presenter() {
        presenter = new RunPresenter(new RunPresenter.Display() {
            @Override
            public void show(RunScreen screen) {
                screens.add(screen);
            }

            @Override
            public void error(String message) {
                error.set(message);
            }
        }, new RunPresenter.Questions() {
            @Override
            public Optional<String> reason(String title, String header, String ok) {
                asked.add(title);
                return Optional.of("checked by hand: " + title);
            }

            @Override
            public Optional<RunPresenter.Resolved> resolution(String stepId, String host) {
                return Optional.of(new RunPresenter.Resolved(Resolution.MARK_DONE, "looked at " + host));
            }

            @Override
            public Optional<dev.belay.ui.approval.Approval> approval(dev.belay.engine.ApprovalState waiting) {
                asked.add("approve " + waiting.stepId());
                return Optional.of(new dev.belay.ui.approval.Approval(waiting.operator(), waiting.environment(), null));
            }
        }, Runnable::run, Instant::now);
    }

    @AfterEach
    void close() {
        if (run != null) {
            run.close();
        }
        if (audit != null) {
            audit.close();
        }
    }

    private RunState start(String book, boolean stepByStep) throws Exception {
        Path inv = dir.resolve("inventory.yaml");
        Files.writeString(inv, "environment: staging\nhosts:\n  lab-1: { address: 127.0.0.1 }\nroles:\n  web: [lab-1]\n");
        Plan plan = PlanFiles.load(BOOKS.resolve(book + ".yaml").toAbsolutePath(), inv, book.equals("ui-quick") ? Map.of("token", "s3cret-token") : Map.of());
        audit = AuditStore.open("jdbc:h2:file:" + dir.resolve("audit/belay"));
        RunEngine engine = new RunEngine((host, command, timeout, lines, cancel) -> {
            // plays the host's shell: the failing step fails, everything else says what it was asked
            boolean fails = command.contains("exit 3");
            String out = fails ? "connecting to the database\nERROR 2003 can't connect\n" : "hello from lab-1\n";
            out.lines().forEach(l -> lines.line(l, false));
            return ExecResult.exited(fails ? 3 : 0, out, "", Duration.ofMillis(5));
        }, new AuditEventSink(audit));
        run = engine.start(plan, new RunOptions("alice", RunMode.LIVE, null, false, stepByStep, false));
        presenter.attach(run, plan);
        return run.awaitSettled(T);
    }

    private RunScreen show(RunState s) {
        presenter.onState(s, run.window());
        return screens.get(screens.size() - 1);
    }

    @Test
    void ctrlEnterRunsTheNextStepThroughTheOneRunCommand() throws Exception {
        RunState s = start("ui-quick", true);
        assertThat(s.awaiting().stepId()).isEqualTo("hello");
        RunScreen screen = show(s);
        assertThat(screen.shown().id()).isEqualTo("hello");
        assertThat(StepChoices.offered(screen.choices(), Kind.RUN)).isPresent();

        presenter.runNext();
        RunState after = run.await(x -> x.awaiting() != null && "look".equals(x.awaiting().stepId()), T);
        assertThat(after.step("hello").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
        // the engine waits to run "look": the finished step stays in view, the next one is offered
        RunScreen next = show(after);
        assertThat(next.shown().id()).isEqualTo("hello");
        assertThat(next.choices()).noneMatch(c -> c.allowed() && c.kind() == Kind.RUN);
        assertThat(error.get()).isEmpty();
    }

    @Test
    void aFailureUnderOnFailureStopOffersAbortAndRollbackAndSaysWhyNotRetryOrSkip() throws Exception {
        RunState s = start("ui-stop", false);
        assertThat(s.step("breaks").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        RunScreen screen = show(s);
        assertThat(screen.shown().id()).isEqualTo("breaks");
        assertThat(screen.choices().stream().filter(StepChoices.Choice::allowed).map(StepChoices.Choice::kind))
                .containsExactly(Kind.ROLLBACK, Kind.ABORT);
        assertThat(screen.choices()).filteredOn(c -> !c.allowed()).extracting(StepChoices.Choice::kind)
                .containsExactly(Kind.RETRY, Kind.SKIP);
        assertThat(screen.choices()).filteredOn(c -> !c.allowed())
                .allSatisfy(c -> assertThat(c.why()).contains("on_failure: stop"));

        presenter.runNext(); // nothing to run: says what is possible instead of doing nothing
        assertThat(error.get()).contains("nothing to run").contains("abort");

        presenter.rollback();
        RunState end = run.await(x -> x.status().ended(), T);
        assertThat(asked).containsExactly("Roll back");
        assertThat(end.status()).isEqualTo(dev.belay.engine.RunStatus.ROLLED_BACK);
        RunScreen last = show(end);
        assertThat(last.end()).isNotNull();
        assertThat(last.end().outcome()).isEqualTo("rolled back");
        assertThat(last.choices()).isEmpty();
    }

    @Test
    void afterASuccessRollbackStepsSayNotNeededAndTheEndSummaryComparesTheEstimate() throws Exception {
        start("ui-quick", false);
        RunState s = run.await(x -> x.awaiting() != null && "look".equals(x.awaiting().stepId()), T);
        presenter.onState(s, run.window());
        presenter.confirm("look", "seen");
        s = run.await(x -> x.step("breaks").orElseThrow().status() == StepStatus.FAILED && x.awaiting() != null, T);
        presenter.onState(s, run.window());
        presenter.onShown(Kind.SKIP, presenter::skip);
        RunState end = run.await(x -> x.status().ended(), T);
        presenter.onEvent(new dev.belay.engine.RunEvent.RunFinished(end.endedAt(), end.status(), "all steps done"));
        RunScreen screen = show(end);
        assertThat(screen.end().outcome()).isEqualTo("succeeded");
        assertThat(screen.end().reason()).isEqualTo("all steps done");
        assertThat(screen.end().estimated()).isPositive();
        assertThat(screen.end().downtime()).isEqualTo("no monitors in this runbook");
        assertThat(screen.end().steps()).filteredOn(t -> t.id().equals("undo"))
                .singleElement().extracting(RunEnd.StepTime::status).isEqualTo("not needed");
        assertThat(screen.end().steps()).filteredOn(t -> t.id().equals("breaks"))
                .singleElement().extracting(RunEnd.StepTime::status).isEqualTo("skipped");
    }

    @Test
    void theOperatorLooksElsewhereAndCtrlJFollowsTheEngineAgain() throws Exception {
        RunState s = start("ui-quick", true);
        show(s);
        presenter.move(1);
        assertThat(presenter.shownStepId()).isEqualTo("look");
        presenter.onState(s, run.window()); // a new state does not pull the view back while the operator looks
        assertThat(presenter.shownStepId()).isEqualTo("look");
        RunScreen later = screens.get(screens.size() - 1);
        assertThat(later.choices()).filteredOn(c -> c.kind() == Kind.RUN && !c.allowed()).singleElement()
                .extracting(StepChoices.Choice::why).asString().contains("steps run in order").contains("Say hello");
        presenter.followActive();
        assertThat(presenter.shownStepId()).isEqualTo("hello");
    }

    @Test
    void countdownsSayWhatIsAwaitedAndNeverShowZeroWhileTimeIsLeft() {
        Instant now = Instant.parse("2026-12-01T03:00:00Z");
        assertThat(CountdownText.of(new Countdown(Countdown.Kind.RETRY, "web-1", 3, now.plusMillis(4200),
                now.plusSeconds(70)), now)).isEqualTo("Not passing yet on web-1: attempt 3 in 5s · gives up in 1m 10s");
        assertThat(CountdownText.of(new Countdown(Countdown.Kind.WAIT, null, 0, now.plusMillis(300), null), now))
                .startsWith("Waiting: 1s left (until ");
        assertThat(CountdownText.of(new Countdown(Countdown.Kind.GATE, "mon-1", 2, now.plusSeconds(10), now.plusSeconds(60)), now))
                .startsWith("Gate not holding yet (checked on mon-1): checked again in 10s");
        assertThat(CountdownText.of(null, now)).isNull();
    }

    @Test
    void aFailedHostReadsInPlainWordsWithTheExpressionApartAndNoEngineLabels() {
        HostResult lost = new HostResult("web-2", HostStatus.FAILED, 1, "connection-lost", null, "step 1\nstep 2\n",
                List.of(CheckResult.of("matches: ^ok$", false, "output matches /^ok$/",
                        "the command connection-lost: broken pipe")), Map.of(), null, "web-2: failed");
        FailureSummary f = FailureSummary.of(lost, "systemctl restart nova-compute", null, 5);
        assertThat(f.ended()).isEqualTo("the connection was lost");
        assertThat(f.failedCheck()).isEqualTo("Expected output matches /^ok$/; the connection was lost (broken pipe).");
        assertThat(f.expression()).isEqualTo("matches: ^ok$");
        assertThat(f.lastLines()).containsExactly("step 1", "step 2");
        assertThat(f.linesLabel()).isEqualTo("Output");
        FailureSummary cut = FailureSummary.of(lost, null, "a\nb\nc\nd\ne\nf\ng\n", 5);
        assertThat(cut.lastLines()).containsExactly("c", "d", "e", "f", "g");
        assertThat(cut.linesLabel()).isEqualTo("Last 5 of 7 lines of output");
        assertThat(FailureSummary.of(lost, null, "a\nb\nc\nd\ne\n", 5).linesLabel())
                .as("all five lines are shown: nothing was cut").isEqualTo("Output");
        assertThat(FailureSummary.plainText("web-2: exit: 0: expected exit status 0, saw the command timed-out: no exit within 30s"))
                .isEqualTo("web-2: exit: 0: expected exit status 0; the command timed out (no exit within 30s)")
                .doesNotContain("saw the command");
    }
}
