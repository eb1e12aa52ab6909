package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import dev.belay.engine.Awaiting;
import dev.belay.engine.FailureSummary;
import dev.belay.engine.HostCommands;
import dev.belay.engine.HostResult;
import dev.belay.engine.HostStatus;
import dev.belay.engine.Option;
import dev.belay.engine.Plan;
import dev.belay.engine.PlannedStep;
import dev.belay.engine.RunState;
import dev.belay.engine.StepState;
import dev.belay.engine.StepStatus;
import dev.belay.ui.run.StepChoices.Choice;
import dev.belay.ui.run.StepChoices.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The current step in the middle of the run view: what it is, what it sends to each host, what can
 * be done on it now (and why not the rest), a countdown while it waits, and each host's result.
 * The buttons call the {@link RunPresenter}'s commands.
 */
final class StepPanel {

    /** Up to this many hosts, every host's output shows; beyond, each card shows its last line until opened. */
    static final int EXPANDED_HOSTS = 6;
    /** Beyond this many hosts, the cards are a virtualised list ({@link HostList}): only those in sight are drawn. */
    static final int LISTED_HOSTS = 20;

    private final Plan plan;
    private final RunPresenter presenter;
    private final Consumer<String> typeIntoTerminal;
    private final VBox actionsBox = new VBox(10);
    private final VBox descriptionSlot = new VBox(14);
    private final VBox commandsSlot = new VBox(14);
    private final VBox hostsSlot = new VBox(14);
    private final VBox content = new VBox(14, descriptionSlot, commandsSlot, hostsSlot);
    private final ScrollPane scroll = new ScrollPane(content);
    private final BorderPane root = new BorderPane(scroll);
    private final TextField note = new TextField();
    private final Label countdown = new Label();
    private final Map<String, HostCard> cards = new LinkedHashMap<>();
    private final HostList hostList = new HostList();
    private boolean listed;
    private Map<String, String> shownCommands = Map.of();
    private String cardsFor;
    private String shownId;
    private RunScreen last;
    // The parts of the panel kept across full drawings while they stay the same (see show).
    private Node description;
    private List<HostCommands.HostCommand> commandsFor;
    private String commandsKey;
    private List<Node> commandParts = List.of();
    private final VBox cardBox = new VBox(10);
    private final Node cardSection = section("Hosts", cardBox);
    private List<String> cardNames = List.of();
    private final Label listHeading = new Label();
    private final Node listSection;

    StepPanel(Plan plan, RunPresenter presenter, Consumer<String> typeIntoTerminal) {
        this.plan = plan;
        this.presenter = presenter;
        this.typeIntoTerminal = typeIntoTerminal;
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
        countdown.setId("countdown");
        countdown.getStyleClass().add("countdown");
        countdown.setGraphic(new FontIcon(Feather.CLOCK));
        cardBox.setId("host-results");
        listHeading.getStyleClass().add("section-title");
        // the list changes while hosts stream, at its fixed height: its layout requests stop here instead of
        // laying out the whole window (and measuring every wrapped label in it) at every change
        listSection = new VBox(6, listHeading, new dev.belay.ui.fx.LayoutBoundary(hostList.node()));
    }

    /** The title, prompt and buttons stay put at the top; the details below them scroll. */
    Node node() {
        return root;
    }

    /** The confirmation note typed so far (Ctrl+Shift+C sends it). */
    String note() {
        return note.getText();
    }

    void show(RunScreen screen, Map<String, Map<String, OutputTail>> outputs) {
        StepState step = screen.shown();
        RunState state = screen.state();
        if (step == null) {
            actionsBox.getChildren().setAll(new Label("Starting…"));
            fill(descriptionSlot, List.of());
            fill(commandsSlot, List.of());
            fill(hostsSlot, List.of());
            return;
        }
        countdown.setText(screen.countdown());
        if (!step.id().equals(shownId)) {
            note.clear();
            scroll.setVvalue(0);
        } else if (last != null && sameApartFromHosts(step, last.shown()) && screen.choices().equals(last.choices())
                && Objects.equals(state.awaiting(), last.state().awaiting())
                && state.status() == last.state().status() && Objects.equals(screen.countdown() == null, last.countdown() == null)
                && (listed || step.hosts().equals(last.shown().hosts())
                        && cards.keySet().containsAll(outputs.getOrDefault(step.id(), Map.of()).keySet()))) {
            // Only output, host results or the countdown moved (the common case while hosts stream):
            // touch the host cards, nothing else. A full rebuild would restyle every node of the panel.
            Map<String, OutputTail> tails = outputs.getOrDefault(step.id(), Map.of());
            Map<String, String> commands = shownCommands; // worked out at the last full drawing: the same step
            if (listed) {
                hostList.show(step, hostNames(step, tails, commands), tails, commands);
            } else {
                cards.forEach((host, card) -> card.show(step.host(host).orElse(null), tails.get(host), commands.get(host)));
            }
            last = screen;
            return;
        }
        boolean sameStep = step.id().equals(shownId);
        shownId = step.id();
        last = screen;
        PlannedStep planned = plan.find(step.id()).orElse(null);
        actionsBox.getChildren().setAll(header(step));
        headline(step, state);
        if (screen.countdown() != null) {
            actionsBox.getChildren().add(countdown);
        }
        actionsBox.getChildren().add(buttons(step, screen.choices()));
        whyNot(screen.choices());
        if (state.awaiting() != null && state.awaiting().stepId() != null && !state.awaiting().stepId().equals(step.id())
                && state.awaiting().options().contains(Option.RUN)) {
            actionsBox.getChildren().add(nextBar(state, state.awaiting().stepId()));
        }
        // The parts below the buttons sit in slots that stay in the panel, and each part is kept
        // while it stays the same: taken out and put back, a part (200 hosts' commands, the host
        // list and its cards) would have its CSS worked out again from scratch.
        if (planned != null && planned.step().description() != null) {
            if (!sameStep || description == null) {
                description = MarkdownFlow.of(planned.step().description());
            }
            fill(descriptionSlot, List.of(description));
        } else {
            fill(descriptionSlot, List.of());
        }
        List<HostCommands.HostCommand> cmds = planned == null ? List.of() : HostCommands.of(plan, planned, state);
        Map<String, String> byHost = new LinkedHashMap<>();
        cmds.forEach(c -> byHost.put(c.host(), c.command()));
        shownCommands = byHost; // kept for the redraws in between: 200 hosts' commands cost work every time
        List<Node> parts = new ArrayList<>();
        if (planned != null) {
            commands(planned, cmds, parts);
        }
        fill(commandsSlot, parts);
        parts = new ArrayList<>();
        hosts(step, outputs.getOrDefault(step.id(), Map.of()), parts);
        fill(hostsSlot, parts);
    }

    /** Puts {@code nodes} in {@code slot} unless they are there already; an empty slot takes no room. */
    private static void fill(VBox slot, List<Node> nodes) {
        if (!slot.getChildren().equals(nodes)) {
            slot.getChildren().setAll(nodes);
        }
        slot.setManaged(!nodes.isEmpty());
        slot.setVisible(!nodes.isEmpty());
    }

    /**
     * One line on what happened or what Belay waits for. A failed step says where it failed; the
     * details are in the host summaries below, once (the engine's prompt repeats them).
     */
    private void headline(StepState step, RunState state) {
        var awaiting = state.awaiting();
        boolean asked = awaiting != null && (awaiting.stepId() == null || awaiting.stepId().equals(step.id()));
        if (step.status() == StepStatus.FAILED) {
            List<String> failed = step.hosts().stream().filter(h -> h.status() == HostStatus.FAILED).map(HostResult::host).toList();
            String text = failed.isEmpty() ? "This step failed: " + FailureSummary.plainText(step.message())
                    : "This step failed on " + String.join(", ", failed) + " (" + failed.size() + " of "
                    + step.hosts().size() + " host" + (step.hosts().size() == 1 ? "" : "s") + "); what each saw is below.";
            Label msg = label(text, "step-message-failed");
            msg.setId("step-message");
            msg.setGraphic(new FontIcon(Feather.X_OCTAGON));
            actionsBox.getChildren().add(msg);
            return;
        }
        if (asked) {
            Label prompt = label(awaiting.prompt(), "await-prompt");
            prompt.setGraphic(new FontIcon(Feather.ARROW_RIGHT_CIRCLE));
            prompt.setId("await-prompt");
            actionsBox.getChildren().add(prompt);
        }
        if (step.message() != null && !step.message().isBlank() && !(asked && awaiting.prompt().contains(step.message()))) {
            Label msg = label(FailureSummary.plainText(step.message()), "step-message");
            msg.setId("step-message");
            actionsBox.getChildren().add(msg);
        }
    }

    private static Label label(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().add(style);
        return l;
    }

    private Node header(StepState step) {
        StepLook look = StepLook.of(step.status());
        Label title = new Label(step.title());
        title.setId("step-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
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

    private void commands(PlannedStep planned, List<HostCommands.HostCommand> cmds, List<Node> parts) {
        String key = planned.step().id() + "\n" + planned.kind() + "\n" + planned.confirmPrompt();
        if (!cmds.equals(commandsFor) || !key.equals(commandsKey)) {
            commandsFor = cmds;
            commandsKey = key;
            commandParts = commandParts(planned, cmds);
        }
        parts.addAll(commandParts);
    }

    private List<Node> commandParts(PlannedStep planned, List<HostCommands.HostCommand> cmds) {
        List<Node> out = new ArrayList<>();
        if (cmds.size() > LISTED_HOSTS) {
            javafx.scene.control.ListView<String> lines = new javafx.scene.control.ListView<>(
                    javafx.collections.FXCollections.observableArrayList(cmds.stream().map(c -> c.host() + "$ " + c.command()).toList()));
            lines.setId("host-commands");
            lines.getStyleClass().addAll("host-commands", "mono");
            lines.setFixedCellSize(24);
            lines.setPrefHeight(24 * 6 + 4);
            out.add(section(planned.kind().equals("terminal") ? "Typed into the terminal" : "Command", lines));
        } else if (!cmds.isEmpty()) {
            VBox box = new VBox(2);
            box.setId("host-commands");
            box.getStyleClass().add("host-commands");
            for (HostCommands.HostCommand c : cmds) {
                Label l = new Label(c.host() + "$ " + c.command());
                l.getStyleClass().add("mono");
                l.setWrapText(true);
                box.getChildren().add(l);
            }
            out.add(section(planned.kind().equals("terminal") ? "Typed into the terminal" : "Command", box));
        }
        if (planned.confirmPrompt() != null) {
            Label c = new Label(planned.confirmPrompt(), new FontIcon(Feather.CHECK_SQUARE));
            c.setWrapText(true);
            c.getStyleClass().add("confirm-prompt");
            out.add(section("Confirm", c));
        }
        return out;
    }

    /** The step the engine waits to run, while another one is in view: the button first, so it never moves. */
    private Node nextBar(RunState state, String nextId) {
        String title = state.step(nextId).map(StepState::title).orElse(nextId);
        Label next = new Label("Next: " + title, new FontIcon(Feather.CHEVRONS_RIGHT));
        next.getStyleClass().add("next-title");
        next.setMinWidth(0);
        HBox bar = new HBox(10, button("Run next", "btn-run", Feather.PLAY, "Run '" + title + "' (Ctrl+Enter)", true,
                presenter::runNext), next);
        NoReturnWarning.of(state, nextId).ifPresent(w -> bar.getChildren().add(1, w));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setId("next-bar");
        bar.getStyleClass().add("next-bar");
        return bar;
    }

    private Node buttons(StepState step, List<Choice> choices) {
        HBox row = new HBox(8);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setId("step-buttons");
        String id = step.id();
        boolean stuck = step.status() == StepStatus.FAILED || step.status() == StepStatus.OUTCOME_UNKNOWN;
        for (Choice c : choices) {
            if (!c.allowed()) {
                continue;
            }
            Node b = switch (c.kind()) {
                case RUN -> button("Run", "btn-run", Feather.PLAY, c.why(), true, () -> presenter.run(id));
                case RETRY -> button("Retry", "btn-retry", Feather.REFRESH_CW, c.why(), true, () -> presenter.retry(id));
                case TERMINAL -> button("Type into terminal", "btn-terminal", Feather.TERMINAL, c.why(), false,
                        () -> typeIntoTerminal.accept(id));
                case CONFIRM -> new HBox(8, button("Confirm", "btn-confirm", Feather.CHECK, c.why(), true,
                        () -> presenter.confirm(id, note.getText())), note);
                case RESOLVE -> button("Resolve " + c.host() + "…", "btn-resolve-" + c.host(), Feather.HELP_CIRCLE, c.why(),
                        true, () -> presenter.resolve(id, c.host()));
                case OVERRIDE_PREFLIGHT -> button("Override preflight…", "btn-override", Feather.FAST_FORWARD, c.why(),
                        false, presenter::overridePreflight);
                case SKIP -> button("Skip…", "btn-skip", Feather.SKIP_FORWARD, c.why(), false, () -> presenter.skip(id));
                case ROLLBACK -> {
                    Button rb = button("Roll back…", "btn-rollback", Feather.ROTATE_CCW, c.why(), false, presenter::rollback);
                    rb.getStyleClass().add(Styles.DANGER);
                    yield rb;
                }
                // the header's Abort is always there; on a failed step it is one of the answers, so it shows here too
                case ABORT -> stuck ? button("Abort run…", "btn-abort-step", Feather.OCTAGON, c.why(), false,
                        presenter::abort) : null;
            };
            if (b != null) {
                if (c.kind() == Kind.CONFIRM) {
                    HBox.setHgrow(b, Priority.ALWAYS);
                }
                row.getChildren().add(b);
            }
        }
        if (row.getChildren().isEmpty() && step.countdown() == null) { // a countdown says it better
            Label busy = new Label(step.status() == StepStatus.RUNNING ? "Running: hosts report below as they finish"
                    : step.status().done() ? "Nothing to do on this step." : "");
            busy.setId("step-idle");
            busy.getStyleClass().add(Styles.TEXT_MUTED);
            row.getChildren().add(busy);
        }
        return row;
    }

    /** The actions not offered on this step, each with its reason: the operator never wonders where a button went. */
    private void whyNot(List<Choice> choices) {
        List<Choice> no = choices.stream().filter(c -> !c.allowed()).toList();
        if (no.isEmpty()) {
            return;
        }
        VBox box = new VBox(2);
        box.setId("why-not");
        box.getStyleClass().add("why-not");
        for (Choice c : no) {
            Label l = label(name(c.kind()) + " is not offered: " + c.why(), Styles.TEXT_MUTED);
            l.getStyleClass().add(Styles.TEXT_SMALL);
            box.getChildren().add(l);
        }
        actionsBox.getChildren().add(box);
    }

    private static String name(Kind k) {
        return switch (k) {
            case RUN -> "Run";
            case RETRY -> "Retry";
            case CONFIRM -> "Confirm";
            case TERMINAL -> "Type into terminal";
            case RESOLVE -> "Resolve";
            case OVERRIDE_PREFLIGHT -> "Override";
            case SKIP -> "Skip";
            case ROLLBACK -> "Roll back";
            case ABORT -> "Abort";
        };
    }

    private static Button button(String text, String id, Feather icon, String tip, boolean accent, Runnable r) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (accent) {
            b.getStyleClass().add(Styles.ACCENT);
        }
        b.setOnAction(e -> r.run());
        return b;
    }

    /** The same step as {@code before} in everything the panel draws outside the host cards. */
    private static boolean sameApartFromHosts(StepState now, StepState before) {
        return before != null && now.id().equals(before.id()) && now.status() == before.status()
                && Objects.equals(now.message(), before.message()) && Objects.equals(now.countdown(), before.countdown())
                && Objects.equals(now.terminalHost(), before.terminalHost()) && Objects.equals(now.note(), before.note());
    }

    /**
     * The hosts to show: those the step has results or output for; and when the step has more hosts
     * than fit as cards, all of them from the start, pending until they run, in the plan's order. The
     * list is then built once, when the step first shows, and keeps its order while hosts start
     * (every change in its length makes the list measure its cards again).
     */
    private static Set<String> hostNames(StepState step, Map<String, OutputTail> outputs, Map<String, String> commands) {
        Set<String> names = new LinkedHashSet<>();
        if (commands.size() > LISTED_HOSTS) {
            names.addAll(commands.keySet());
        }
        step.hosts().forEach(h -> names.add(h.host()));
        names.addAll(outputs.keySet());
        return names;
    }

    private void hosts(StepState step, Map<String, OutputTail> outputs, List<Node> parts) {
        if (!step.id().equals(cardsFor)) {
            cards.clear();
            hostList.reset();
            cardsFor = step.id();
            cardNames = List.of();
        }
        Set<String> names = hostNames(step, outputs, shownCommands);
        listed = names.size() > LISTED_HOSTS;
        if (names.isEmpty()) {
            return;
        }
        if (listed) {
            hostList.show(step, names, outputs, shownCommands);
            listHeading.setText("Hosts (" + names.size() + ")");
            parts.add(listSection);
            return;
        }
        boolean expanded = names.size() <= EXPANDED_HOSTS;
        Map<String, String> commands = shownCommands;
        List<Node> nodes = new ArrayList<>();
        for (String host : names) {
            HostCard card = cards.computeIfAbsent(host, h -> new HostCard(h, expanded));
            card.show(step.host(host).orElse(null), outputs.get(host), commands.get(host));
            nodes.add(card.node());
        }
        List<String> now = List.copyOf(names);
        if (!now.equals(cardNames)) { // the same cards stay in place: only a new host adds one
            cardNames = now;
            cardBox.getChildren().setAll(nodes);
        }
        parts.add(cardSection);
    }

    private static Node section(String name, Node body) {
        Label heading = new Label(name);
        heading.getStyleClass().add("section-title");
        return new VBox(6, heading, body);
    }
}
