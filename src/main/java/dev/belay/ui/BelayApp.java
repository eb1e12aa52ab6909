package dev.belay.ui;

import atlantafx.base.theme.PrimerLight;
import dev.belay.ui.library.LibraryFolders;
import javafx.application.Application;
import javafx.stage.Stage;

/** The Belay desktop application: the theme, then the main window. */
public final class BelayApp extends Application {

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        new MainWindow(LibraryFolders.forUser()).show(stage);
    }
}
