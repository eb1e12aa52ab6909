package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import dev.belay.engine.Awaiting;
import dev.belay.engine.HostResult;
import dev.belay.engine.Option;
import dev.belay.engine.Plan;
import dev.belay.engine.PlannedStep;
import dev.belay.engine.RunState;
import dev.belay.engine.StepState;
import dev.belay.engine.StepStatus;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The current step in the middle of the run view: what it is, what it sends to each host, the
 * buttons the engine accepts now, and each host's result as it comes in.
 */
final class StepPanel {

    /** What the buttons do; the run view sends them to the engine. */
    interface Actions {
        void run(String stepId);

        void confirm(String stepId, String note);

        void skip(String stepId);

        void retry(String stepId);

        void rollback();

        void overridePreflight();

        void resolve(String stepId, String host);

        void typeIntoTerminal(String stepId);
    }

    /** Up to this many hosts, every host's output shows; beyond, each card shows its last line until opened. */
    static final int EXPANDED_HOSTS = 6;

    private final Plan plan;
    private final Actions actions;
    private final VBox actionsBox = new VBox(10);
    private final VBox content = new VBox(14);
    private final ScrollPane scroll = new ScrollPane(content);
    private final javafx.scene.layout.BorderPane root = new javafx.scene.layout.BorderPane(scroll);
    private final TextField note = new TextField();
    private final Map<String, HostCard> cards = new LinkedHashMap<>();
    private String cardsFor;
    private String shownId;
    private StepState lastStep;
    private Awaiting lastAwaiting;

    StepPanel(Plan plan, Actions actions) {
        this.plan = plan;
        this.actions = actions;
        actionsBox.setPadding(new Insets(16, 24, 12, 24));
        actionsBox.getStyleClass().add("step-actions");
        content.setPadding(new Insets(14, 24, 24, 24));
        content.getStyleClass().add("step-panel");
        scroll.setFitToWidth(true);
        root.setTop(actionsBox);
        root.setId("step-panel");
        note.setId("confirm-note");
        note.setPromptText("note (optional), recorded with the confirmation");
        HBox.setHgrow(note, Priority.ALWAYS);
    }

    /** The title, prompt and buttons stay put at the top; the details below them scroll. */
    Node node() {
        return root;
    }

    String shownStepId() {
        return shownId;
    }

    void show(StepState step, RunState state, Map<String, Map<String, OutputTail>> outputs) {
        if (step == null) {
            actionsBox.getChildren().setAll(new Label("Starting…"));
            content.getChildren().clear();
            return;
        }
        if (!step.id().equals(shownId)) {
            note.clear();
            scroll.setVvalue(0);
        } else if (step.equals(lastStep) && java.util.Objects.equals(state.awaiting(), lastAwaiting)
                && cards.keySet().containsAll(outputs.getOrDefault(step.id(), Map.of()).keySet())) {
            // Only output moved (the common case while hosts stream): touch the host cards, nothing else.
            Map<String, OutputTail> tails = outputs.getOrDefault(step.id(), Map.of());
            cards.forEach((host, card) -> card.show(step.host(host).orElse(null), tails.get(host)));
            return;
        }
        shownId = step.id();
        lastStep = step;
        lastAwaiting = state.awaiting();
        PlannedStep planned = plan.find(step.id()).orElse(null);
        actionsBox.getChildren().setAll(header(step));
        content.getChildren().clear();
        Awaiting awaiting = state.awaiting();
        boolean asked = awaiting != null && (awaiting.stepId() == null || awaiting.stepId().equals(step.id()));
        if (asked) {
            Label prompt = new Label(awaiting.prompt(), new FontIcon(Feather.ARROW_RIGHT_CIRCLE));
            prompt.setId("await-prompt");
            prompt.setWrapText(true);
            prompt.getStyleClass().add("await-prompt");
            actionsBox.getChildren().add(prompt);
        }
        if (planned != null && planned.step().description() != null) {
            content.getChildren().add(MarkdownFlow.of(planned.step().description()));
        }
        if (planned != null) {
            commands(planned, state);
        }
        if (step.message() != null && !step.message().isBlank()) {
            Label msg = new Label(step.message());
            msg.setId("step-message");
            msg.setWrapText(true);
            msg.getStyleClass().add(step.status() == StepStatus.FAILED ? "step-message-failed" : "step-message");
            actionsBox.getChildren().add(msg);
        }
        actionsBox.getChildren().add(buttons(step, asked ? awaiting.options() : List.of()));
        if (awaiting != null && !asked && awaiting.options().contains(Option.RUN)) {
            actionsBox.getChildren().add(nextBar(state, awaiting.stepId()));
        }
        hosts(step, outputs.getOrDefault(step.id(), Map.of()));
    }

    private Node header(StepState step) {
        StepLook look = StepLook.of(step.status());
        Label title = new Label(step.title());
        title.setId("step-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        Label status = new Label(look.word(), new FontIcon(look.icon()));
        status.setId("step-status");
        status.getStyleClass().addAll("status-chip", look.styleClass());
        FlowPane chips = new FlowPane(6, 6, status, chip(step.id()), chip(step.kind()));
        if (step.pointOfNoReturn()) {
            Label ponr = new Label("point of no return: no rollback once this starts", new FontIcon(Feather.ALERT_OCTAGON));
            ponr.getStyleClass().addAll("status-chip", "ponr-chip");
            chips.getChildren().add(ponr);
        }
        return new VBox(8, title, chips);
    }

    private static Label chip(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("status-chip", "chip-plain");
        return l;
    }

    private void commands(PlannedStep planned, RunState state) {
        List<HostCommands.HostCommand> cmds = HostCommands.of(plan, planned, state);
        if (!cmds.isEmpty()) {
            VBox box = new VBox(2);
            box.setId("host-commands");
            box.getStyleClass().add("host-commands");
            for (HostCommands.HostCommand c : cmds) {
                Label l = new Label(c.host() + "$ " + c.command());
                l.getStyleClass().add("mono");
                l.setWrapText(true);
                box.getChildren().add(l);
            }
            content.getChildren().add(section(planned.kind().equals("terminal") ? "Typed into the terminal" : "Command", box));
        }
        if (planned.confirmPrompt() != null) {
            Label c = new Label(planned.confirmPrompt(), new FontIcon(Feather.CHECK_SQUARE));
            c.setWrapText(true);
            c.getStyleClass().add("confirm-prompt");
            content.getChildren().add(section("Confirm", c));
        }
    }

    /** The step the engine waits to run, while another one is in view: Ctrl+Enter runs it. */
    private Node nextBar(RunState state, String nextId) {
        String title = state.step(nextId).map(StepState::title).orElse(nextId);
        Label next = new Label("Next: " + title, new FontIcon(Feather.CHEVRONS_RIGHT));
        next.getStyleClass().add("next-title");
        HBox bar = new HBox(10, next, button("Run next", "btn-run", Feather.PLAY, "Run '" + title + "' (Ctrl+Enter)", true,
                () -> actions.run(nextId)));
        NoReturnWarning.of(state, nextId).ifPresent(w -> bar.getChildren().add(1, w));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setId("next-bar");
        bar.getStyleClass().add("next-bar");
        return bar;
    }

    private Node buttons(StepState step, List<Option> offered) {
        Set<Option> o = new LinkedHashSet<>(offered);
        HBox row = new HBox(8);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setId("step-buttons");
        String id = step.id();
        if (o.contains(Option.RUN)) {
            row.getChildren().add(button("Run", "btn-run", Feather.PLAY, "Run this step (Ctrl+Enter)", true, () -> actions.run(id)));
        }
        if (o.contains(Option.RETRY) && step.status() == StepStatus.FAILED) {
            row.getChildren().add(button("Retry", "btn-retry", Feather.REFRESH_CW,
                    "Run it again on the hosts that did not pass (Ctrl+Enter)", true, () -> actions.retry(id)));
        }
        if (o.contains(Option.CONFIRM) && "terminal".equals(step.kind())) {
            row.getChildren().add(button("Type into terminal", "btn-terminal", Feather.TERMINAL,
                    "Type the command into " + step.terminalHost() + "'s terminal (Ctrl+T)", false,
                    () -> actions.typeIntoTerminal(id)));
        }
        if (o.contains(Option.CONFIRM)) {
            row.getChildren().addAll(button("Confirm", "btn-confirm", Feather.CHECK, "Tick this step (Ctrl+Shift+C)", true,
                    () -> actions.confirm(id, note.getText())), note);
        }
        if (o.contains(Option.RESOLVE_UNKNOWN)) {
            step.hosts().stream().filter(h -> h.status() == dev.belay.engine.HostStatus.OUTCOME_UNKNOWN)
                    .forEach(h -> row.getChildren().add(button("Resolve " + h.host() + "…", "btn-resolve-" + h.host(),
                            Feather.HELP_CIRCLE, "Check by hand, then re-run or mark done or failed", true,
                            () -> actions.resolve(id, h.host()))));
        }
        if (o.contains(Option.OVERRIDE_PREFLIGHT)) {
            row.getChildren().add(button("Override preflight…", "btn-override", Feather.FAST_FORWARD,
                    "Go on despite the failed checks; a reason is required", false, actions::overridePreflight));
        }
        if (o.contains(Option.SKIP)) {
            row.getChildren().add(button("Skip…", "btn-skip", Feather.SKIP_FORWARD, "Skip with a reason (Ctrl+Shift+S)",
                    false, () -> actions.skip(id)));
        }
        if (o.contains(Option.ROLLBACK)) {
            Node rb = button("Roll back…", "btn-rollback", Feather.ROTATE_CCW, "Run the rollback steps; a reason is required",
                    false, actions::rollback);
            rb.getStyleClass().add(Styles.DANGER);
            row.getChildren().add(rb);
        }
        if (row.getChildren().isEmpty()) {
            Label busy = new Label(step.status() == StepStatus.RUNNING ? "Running…" : "");
            busy.getStyleClass().add(Styles.TEXT_MUTED);
            row.getChildren().add(busy);
        }
        return row;
    }

    private static Button button(String text, String id, Feather icon, String tip, boolean accent, Runnable r) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        if (accent) {
            b.getStyleClass().add(Styles.ACCENT);
        }
        b.setOnAction(e -> r.run());
        return b;
    }

    private void hosts(StepState step, Map<String, OutputTail> outputs) {
        if (!step.id().equals(cardsFor)) {
            cards.clear();
            cardsFor = step.id();
        }
        Set<String> names = new LinkedHashSet<>();
        step.hosts().forEach(h -> names.add(h.host()));
        names.addAll(outputs.keySet());
        if (names.isEmpty()) {
            return;
        }
        VBox box = new VBox(10);
        box.setId("host-results");
        boolean expanded = names.size() <= EXPANDED_HOSTS;
        for (String host : names) {
            HostCard card = cards.computeIfAbsent(host, h -> new HostCard(h, expanded));
            HostResult r = step.host(host).orElse(null);
            card.show(r, outputs.get(host));
            box.getChildren().add(card.node());
        }
        content.getChildren().add(section("Hosts", box));
    }

    private static Node section(String name, Node body) {
        Label heading = new Label(name);
        heading.getStyleClass().add("section-title");
        return new VBox(6, heading, body);
    }

    /** Fires the primary action the keyboard asks for, if the engine accepts it now. */
    boolean fire(String buttonId) {
        Node n = actionsBox.lookup("#" + buttonId);
        if (n instanceof Button b && !b.isDisabled()) {
            b.fire();
            return true;
        }
        return false;
    }
}
