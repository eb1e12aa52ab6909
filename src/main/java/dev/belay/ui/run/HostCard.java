package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import dev.belay.engine.FailureSummary;
import dev.belay.engine.HostStatus;
import dev.belay.ui.fx.LayoutBoundary;
import dev.belay.engine.HostResult;
import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One host's result in the current step: state, exit status, attempts, each expectation with what
 * was expected and what was seen, and the output (its tail) as it streams.
 */
final class HostCard {

    /** Output lines a failed host's card shows (the terminal has the rest). */
    private static final int SUMMARY_LINES = 5;

    private String host;
    private final Label header = new Label();
    private final Label exit = new Label();
    private final VBox checks = new VBox(2);
    private final CheckLines checkLines = new CheckLines();
    private TextArea output;
    private final Label lastLine = new Label();
    // The last line changes with every refresh while the host streams. Its layout requests stop at
    // this boundary: at one line's height its size never changes, and a request reaching a list's
    // cell made the list lay out all its cells again and work out each one's CSS anew (VirtualFlow
    // applies CSS to every cell that asks for layout). Shown and hidden as a whole, so the card
    // still lays out when the line comes or goes.
    private final LayoutBoundary lastLineBox = new LayoutBoundary(lastLine);
    private final javafx.scene.control.ToggleButton expand = new javafx.scene.control.ToggleButton("output");
    private final VBox root;
    private long shownVersion = -1;
    private OutputTail tail;
    private final FontIcon stateIcon = new FontIcon();
    private PseudoClass state;
    private final boolean fixedHost;

    /** @param expanded whether the output shows at first (with many hosts only the last line does) */
    HostCard(String host, boolean expanded) {
        this(host, expanded, true);
    }

    /**
     * @param fixedHost whether the card shows {@code host} for good: its nodes then carry the host
     *     in their ids (#host-web-1, #output-web-1). A card a list reuses for one host after another
     *     carries it in its {@link #HOST} property and style classes instead: a changed id makes
     *     JavaFX work out the CSS of the whole card again, and the list rebinds a card for every
     *     host it measures, not only as the operator scrolls.
     */
    HostCard(String host, boolean expanded, boolean fixedHost) {
        this.host = host;
        this.fixedHost = fixedHost;
        stateIcon.getStyleClass().add("state-icon");
        header.setGraphic(stateIcon);
        lastLine.getStyleClass().add("last-line");
        expand.getStyleClass().add("expand-output");
        expand.setSelected(expanded);
        expand.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        expand.setTooltip(new javafx.scene.control.Tooltip("Show or hide this host's output"));
        expand.selectedProperty().addListener((o, a, b) -> showOutput());
        lastLine.getStyleClass().addAll("mono", Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        header.getStyleClass().add("host-name");
        exit.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, header, grow, exit, expand);
        top.setAlignment(Pos.CENTER_LEFT);
        lastLineBox.setAlignment(Pos.CENTER_LEFT);
        root = new VBox(6, top, checks, lastLineBox);
        root.getStyleClass().add("host-card");
        ids();
    }

    /** The property of a list's card that names the host it shows (null while it shows none). */
    static final String HOST = "belay.host";

    private void ids() {
        if (!fixedHost) {
            root.getProperties().put(HOST, host.isEmpty() ? null : host);
            return;
        }
        root.setId("host-" + host);
        expand.setId("expand-" + host);
        lastLine.setId("last-line-" + host);
        if (output != null) {
            output.setId("output-" + host);
        }
    }

    /** The host this card shows now. */
    String host() {
        return host;
    }

    /**
     * Shows {@code newHost} in this card from now on (a virtualised host list reuses its cards as
     * the operator scrolls); its output starts open when {@code expanded}. The next {@link #show}
     * draws it whole.
     */
    void rebind(String newHost, boolean expanded) {
        if (newHost.equals(host)) {
            return;
        }
        bind(newHost);
        root.setVisible(true);
        expand.setSelected(expanded);
    }

    /** Shows no host (an empty list cell): the card is hidden, not taken out of the cell, which would restyle it. */
    void release() {
        root.setVisible(false);
        if (!host.isEmpty()) {
            bind("");
        }
    }

    /** The card now stands for {@code newHost} and has drawn nothing of it yet. */
    private void bind(String newHost) {
        host = newHost;
        shown = null;
        shownOnce = false;
        failed = false;
        tail = null;
        shownVersion = -1;
        ids();
    }

    /** Whether the operator opened this card's output (a virtualised list remembers it per host). */
    javafx.beans.property.BooleanProperty expandedProperty() {
        return expand.selectedProperty();
    }

    Node node() {
        return root;
    }

    private HostResult shown;
    private boolean shownOnce;
    private boolean failed;

    void show(HostResult r, OutputTail tail) {
        show(r, tail, null);
    }

    /** @param command what was sent to this host (secrets masked), named in a failure's summary; may be null */
    void show(HostResult r, OutputTail tail, String command) {
        this.tail = tail;
        if (shownOnce && java.util.Objects.equals(r, shown)) {
            showOutput(); // only the output moved: leave the rest of the card alone
            return;
        }
        shownOnce = true;
        shown = r;
        failed = r != null && r.status() == HostStatus.FAILED;
        StepLook look = r == null ? StepLook.of(HostStatus.PENDING) : StepLook.of(r.status());
        if (stateIcon.getIconCode() != look.icon()) {
            stateIcon.setIconCode(look.icon());
        }
        header.setText(host + "  ·  " + look.word());
        state(PseudoClass.getPseudoClass(look.styleClass()));
        exit.setText(r == null ? "" : exitText(r));
        List<Node> rows = new ArrayList<>();
        if (r != null && r.status() == HostStatus.FAILED) {
            rows.add(summary(FailureSummary.of(r, command, tail == null ? null : tail.text(), SUMMARY_LINES)));
        } else if (r != null) {
            rows.addAll(checkLines.show(r.checks()));
            if (r.snapshotDiff() != null && !r.snapshotDiff().isBlank()) {
                Label diff = new Label("snapshot differs from the last run:\n" + r.snapshotDiff());
                diff.getStyleClass().addAll("mono", "snapshot-diff");
                rows.add(diff);
            }
        }
        if (!checks.getChildren().equals(rows)) { // the same lines stay put: taken out and back, they would restyle
            checks.getChildren().setAll(rows);
        }
        if (r != null && r.status() == HostStatus.FAILED) {
            expand.setSelected(false); // the summary shows the last lines; the whole output is one click away
        }
        showOutput();
    }

    /**
     * The card's state (its colours) as a pseudo-class, {@code :st-passed}, not a style class: a
     * changed style class makes JavaFX match the whole card against the stylesheets again, a
     * changed pseudo-class only moves its styles to the other state. With 200 hosts, a dozen cards
     * in sight turn from running to passed in the same pulse.
     */
    private void state(PseudoClass now) {
        if (now == state) {
            return;
        }
        if (state != null) {
            root.pseudoClassStateChanged(state, false);
        }
        root.pseudoClassStateChanged(now, true);
        state = now;
    }

    /** Only an expanded card pays for its text area; a collapsed one shows the last line. */
    private void showOutput() {
        boolean any = tail != null && tail.length() > 0;
        boolean open = any && expand.isSelected();
        expand.setVisible(any);
        if (open && output == null) {
            output = textArea();
        }
        if (output != null) {
            output.setVisible(open);
            output.setManaged(open);
        }
        lastLineBox.setVisible(any && !open && !failed); // a failure's summary has the last lines already
        lastLineBox.setManaged(any && !open && !failed);
        if (!any) {
            return;
        }
        if (!open) {
            lastLine.setText(tail.lastLine());
        } else if (tail.version() != shownVersion) {
            shownVersion = tail.version();
            output.setText(tail.text());
            output.positionCaret(output.getLength());
            output.setScrollTop(Double.MAX_VALUE);
        }
    }

    /** Made on first opening: fifty idle text areas would cost layout on every pulse. */
    private TextArea textArea() {
        TextArea t = new TextArea();
        t.setEditable(false);
        t.setWrapText(false);
        t.getStyleClass().add("host-output");
        t.setPrefRowCount(6);
        if (fixedHost) {
            t.setId("output-" + host);
        }
        root.getChildren().add(t);
        return t;
    }

    /** A failed host in one block: what ran, how it ended, the failed check in words, the last lines. */
    private Node summary(FailureSummary f) {
        VBox box = new VBox(4);
        box.setId("failure-" + host);
        box.getStyleClass().add("failure-summary");
        if (f.ran() != null) {
            box.getChildren().add(wrapped("Ran: " + f.ran(), "mono"));
        }
        box.getChildren().add(wrapped("Ended: " + f.ended(), "failure-ended"));
        Label what = wrapped(f.failedCheck(), "check-failed");
        what.setGraphic(new FontIcon(Feather.X));
        what.setId("failed-check-" + host);
        box.getChildren().add(what);
        if (f.expression() != null) {
            Label expr = wrapped(f.expression(), "mono");
            javafx.scene.control.TitledPane fold = new javafx.scene.control.TitledPane("The check as the runbook writes it", expr);
            fold.setExpanded(false);
            fold.setId("expression-" + host);
            fold.getStyleClass().add(Styles.DENSE);
            box.getChildren().add(fold);
        }
        if (!f.lastLines().isEmpty()) {
            box.getChildren().add(wrapped(f.linesLabel() + ":", Styles.TEXT_MUTED));
            Label lines = wrapped(String.join("\n", f.lastLines()), "mono");
            lines.setId("last-lines-" + host);
            lines.getStyleClass().add("last-lines");
            box.getChildren().add(lines);
        }
        return box;
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().add(style);
        return l;
    }

    private static String exitText(HostResult r) {
        StringBuilder b = new StringBuilder();
        if (r.exitCode() != null) {
            b.append("exit ").append(r.exitCode());
        } else if (r.outcome() != null) {
            b.append(FailureSummary.ended(r));
        }
        if (r.attempts() > 1) {
            b.append(b.length() > 0 ? " · " : "").append(r.attempts()).append(" attempts");
        }
        if (r.message() != null && !r.message().isBlank() && r.status() != HostStatus.FAILED) {
            b.append(b.length() > 0 ? " · " : "").append(r.message());
        }
        return b.toString();
    }
}
