package dev.belay.ui.lab;

import static dev.belay.ui.FxTest.fx;
import static dev.belay.ui.FxTest.text;
import static dev.belay.ui.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.lab.Fault;
import dev.belay.lab.FaultKind;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The lab panel on a real lab: hosts with roles, the active faults, a live injection, Reset lab. */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class LabPanelTest {

    @TempDir
    static Path dir;
    Stage stage;
    PracticeLab lab;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void showsHostsAndFaultsInjectsLiveAndResets() throws Exception {
        lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 3, 0).withFaults(List.of(Fault.parse("slow@lab-2"))));
        Files.writeString(lab.hosts().get(0).home().resolve("left-over"), "x");
        LabPanel panel = fx(() -> {
            LabPanel p = new LabPanel(lab);
            stage.setScene(new Scene((javafx.scene.Parent) p.node(), 560, 520));
            stage.show();
            return p;
        });
        // The panel reads the lab off the FX thread.
        waitUntil(() -> text(panel.node(), "#lab-faults-active").equals("Faults: slow@lab-2"));
        assertThat(fx(() -> panel.node().lookup("#lab-host-lab-3"))).isNotNull();

        fx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<FaultKind> kind = (ComboBox<FaultKind>) panel.node().lookup("#lab-fault-kind");
            kind.getSelectionModel().select(FaultKind.DISK_FULL);
            ((Button) panel.node().lookup("#lab-inject")).fire();
            return null;
        });
        assertThat(lab.faults()).extracting(Fault::toString).containsExactly("slow@lab-2", "disk-full@lab-1");
        waitUntil(() -> text(panel.node(), "#lab-faults-active").equals("Faults: slow@lab-2  disk-full@lab-1"));

        fx(() -> {
            ((Button) panel.node().lookup("#lab-reset")).fire();
            return null;
        });
        waitUntil(() -> text(panel.node(), "#lab-faults-active").equals("Faults: none"));
        assertThat(lab.faults()).isEmpty();
        assertThat(lab.hosts().get(0).home().resolve("left-over")).doesNotExist();
    }
}
