package dev.belay.ui.history;

import dev.belay.ui.terminal.BelayTerminalWidget;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Replays a stored terminal recording in a JediTermFX widget with play/pause, a seek slider and
 * speeds from 0.5x to 8x, and the run's steps (the recording's marker events) to jump to. The FX
 * thread only queues text; JediTerm's own thread renders it.
 */
public final class ReplayPane {

    static final List<Double> SPEEDS = List.of(0.5, 1.0, 2.0, 4.0, 8.0);

    private final BorderPane root = new BorderPane();
    private final Button play = new Button();
    private final Slider slider = new Slider(0, 1, 0);
    private final Label clock = new Label("0:00 / 0:00");
    private final ComboBox<Double> speed = new ComboBox<>();
    private final Label empty = new Label("Pick a recording to replay it.");
    private final ListView<Asciicast.Marker> steps = new ListView<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            tick(now);
        }
    };
    private BelayTerminalWidget widget;
    private ReplayConnector connector;
    private CastPlayer player;
    private long lastTick;
    private boolean playing;
    private boolean updatingSlider;

    public ReplayPane() {
        play.setId("replay-play");
        play.setOnAction(e -> toggle());
        slider.setId("replay-slider");
        slider.valueProperty().addListener((o, was, now) -> {
            if (!updatingSlider && player != null) {
                seek(now.doubleValue());
            }
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        speed.setId("replay-speed");
        speed.getItems().setAll(SPEEDS);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double s) {
                return s == null ? "" : (s == Math.rint(s) ? String.valueOf(s.intValue()) : String.valueOf(s)) + "×";
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("×", ""));
            }
        });
        speed.setValue(1.0);
        speed.valueProperty().addListener((o, was, now) -> {
            if (player != null && now != null) {
                player.setSpeed(now);
            }
        });
        clock.setId("replay-clock");
        clock.setMinWidth(90);
        HBox controls = new HBox(10, play, slider, clock, speed);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(6, 0, 6, 0));
        root.getStyleClass().add("replay");
        root.setTop(controls);
        root.setCenter(empty);
        empty.getStyleClass().add("muted");
        steps.setId("replay-steps");
        steps.setPrefWidth(280);
        steps.setCellFactory(lv -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0); // long titles wrap instead of scrolling the list sideways
            }

            @Override
            protected void updateItem(Asciicast.Marker m, boolean isEmpty) {
                super.updateItem(m, isEmpty);
                setText(isEmpty || m == null ? null : Formats.clock(m.time()) + "  " + m.label());
            }
        });
        // a click (or Enter on a selected row) jumps there; selecting while loading does not
        steps.setOnMouseClicked(e -> jumpToSelected());
        steps.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                jumpToSelected();
            }
        });
        steps.setVisible(false);
        steps.setManaged(false);
        BorderPane.setMargin(steps, new Insets(0, 8, 0, 0));
        root.setLeft(steps);
        showPlaying(false);
        controls.disableProperty().bind(root.centerProperty().isEqualTo(empty));
    }

    public Node node() {
        return root;
    }

    /** Loads a cast (asciicast v2 text), paused at its start. */
    public void load(String cast) {
        closeWidget();
        Asciicast parsed = Asciicast.parse(cast);
        connector = new ReplayConnector();
        widget = new BelayTerminalWidget(parsed.width(), parsed.height());
        widget.setTtyConnector(connector);
        widget.start();
        player = new CastPlayer(parsed, connector::feed);
        player.setSpeed(speed.getValue());
        setSlider(0, parsed.duration());
        steps.getItems().setAll(parsed.markers());
        steps.setVisible(!parsed.markers().isEmpty());
        steps.setManaged(!parsed.markers().isEmpty());
        root.setCenter(widget.getPane());
        showPlaying(false);
    }

    public void play() {
        if (player == null) {
            return;
        }
        if (player.atEnd()) {
            seek(0);
        }
        lastTick = 0;
        showPlaying(true);
        timer.start();
    }

    public void pause() {
        timer.stop();
        showPlaying(false);
    }

    public void seek(double seconds) {
        if (player != null) {
            player.seek(seconds);
            setSlider(player.position(), player.duration());
        }
    }

    /** The steps the recording marks, as listed ("0:12  id: title"). */
    public List<String> stepLabels() {
        return steps.getItems().stream().map(m -> Formats.clock(m.time()) + "  " + m.label()).toList();
    }

    /** Jumps to the start of the {@code index}-th marked step, as a click on its row does. */
    public void jumpToStep(int index) {
        steps.getSelectionModel().select(index);
        jumpToSelected();
    }

    private void jumpToSelected() {
        Asciicast.Marker m = steps.getSelectionModel().getSelectedItem();
        if (m != null && player != null) {
            player.seek(m);
            setSlider(player.position(), player.duration());
        }
    }

    public void setSpeed(double value) {
        speed.setValue(value);
    }

    public boolean isPlaying() {
        return playing;
    }

    /** The loaded recording's length in seconds (0 with none loaded). */
    public double duration() {
        return player == null ? 0 : player.duration();
    }

    /** What the replay terminal shows now. */
    public String screenText() {
        return widget == null ? "" : widget.screenText();
    }

    private void toggle() {
        if (playing) {
            pause();
        } else {
            play();
        }
    }

    private void tick(long now) {
        double elapsed = lastTick == 0 ? 0 : (now - lastTick) / 1e9;
        lastTick = now;
        boolean more = player.advance(elapsed);
        setSlider(player.position(), player.duration());
        if (!more) {
            pause();
        }
    }

    private void setSlider(double position, double duration) {
        updatingSlider = true;
        slider.setMax(Math.max(duration, 0.001));
        slider.setValue(position);
        updatingSlider = false;
        clock.setText(Formats.clock(position) + " / " + Formats.clock(duration));
    }

    private void showPlaying(boolean on) {
        playing = on;
        play.setGraphic(new FontIcon(on ? Feather.PAUSE : Feather.PLAY));
        play.setText(on ? "Pause" : "Play");
    }

    private void closeWidget() {
        timer.stop();
        if (widget != null) {
            widget.close();
            widget = null;
        }
        player = null;
    }

    /** Stops playback and releases the widget's threads. */
    public void close() {
        closeWidget();
        steps.getItems().clear();
        steps.setVisible(false);
        steps.setManaged(false);
        root.setCenter(empty);
    }
}
