package dev.belay.ui;

import atlantafx.base.theme.PrimerLight;
import dev.belay.ui.library.LibraryFolders;
import dev.belay.ui.run.RunService;
import dev.belay.ui.run.RunSettings;
import javafx.application.Application;
import javafx.stage.Stage;

/** The Belay desktop application: the theme, then the main window, then the offer to resume an interrupted run. */
public final class BelayApp extends Application {

    private RunService runs;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        runs = new RunService(RunSettings.forUser());
        MainWindow window = new MainWindow(LibraryFolders.forUser(), runs);
        window.show(stage);
        if (Boolean.getBoolean(Launcher.EXIT_AFTER_FIRST_FRAME)) {
            // A smoke check of the window: no resume offer, whose modal dialog would hold the exit
            // (exiting under its nested event loop crashes the GTK toolkit).
            FirstFrame.thenExit(stage);
        } else {
            window.offerResume();
        }
    }

    @Override
    public void stop() {
        if (runs != null) {
            runs.close();
        }
    }
}
