package dev.belay.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replay timing without a window: frames by elapsed time times speed, seeking, the end. */
class CastPlayerTest {

    private static final String CAST = """
            {"version":2,"width":100,"height":30,"timestamp":1}
            [0.0,"o","a"]
            [0.5,"i","typed"]
            [1.0,"o","b"]
            [2.0,"o","c"]
            """;

    @Test
    void parsesOutputFramesOnlyWithTheHeaderSize() {
        Asciicast cast = Asciicast.parse(CAST);
        assertThat(cast.width()).isEqualTo(100);
        assertThat(cast.height()).isEqualTo(30);
        assertThat(cast.output()).extracting(Asciicast.Frame::data).containsExactly("a", "b", "c");
        assertThat(cast.duration()).isEqualTo(2.0);
        assertThatThrownBy(() -> Asciicast.parse("not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asciicast");
    }

    @Test
    void emitsFramesAsTimePassesAtTheChosenSpeed() {
        List<String> screen = new ArrayList<>();
        CastPlayer player = new CastPlayer(Asciicast.parse(CAST), screen::add);

        assertThat(player.advance(0.5)).isTrue();
        assertThat(screen).containsExactly("a");
        player.setSpeed(2);
        player.advance(0.25); // 0.5 s of cast time
        assertThat(screen).containsExactly("a", "b");
        assertThat(player.position()).isEqualTo(1.0);
        assertThat(player.advance(10)).isFalse();
        assertThat(screen).containsExactly("a", "b", "c");
        assertThat(player.position()).isEqualTo(2.0);
        assertThatThrownBy(() -> player.setSpeed(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seekingBackRedrawsFromAFreshTerminalAndForwardOnlyAddsFrames() {
        List<String> screen = new ArrayList<>();
        CastPlayer player = new CastPlayer(Asciicast.parse(CAST), screen::add);
        player.seek(1.5);
        assertThat(screen).containsExactly("ab");
        player.seek(0.2);
        assertThat(screen).containsExactly("ab", CastPlayer.RESET, "a");
        assertThat(player.atEnd()).isFalse();
        player.seek(99);
        assertThat(screen).endsWith("bc");
        assertThat(player.atEnd()).isTrue();
    }

    @Test
    void markersAreStepsAndJumpingToOneShowsTheScreenBeforeThatStepsOutput() {
        String cast = """
                {"version":2,"width":80,"height":24,"timestamp":1}
                [0.0,"m","one: First"]
                [0.1,"o","a"]
                [1.0,"o","b"]
                [1.0,"m","two: Second"]
                [1.0,"o","c"]
                [2.0,"o","d"]
                """;
        Asciicast parsed = Asciicast.parse(cast);
        assertThat(parsed.markers()).extracting(Asciicast.Marker::label).containsExactly("one: First", "two: Second");
        assertThat(parsed.markers()).extracting(Asciicast.Marker::framesBefore).containsExactly(0, 2);
        assertThat(Asciicast.parse(CAST).markers()).isEmpty(); // recordings from before markers read as before

        List<String> screen = new ArrayList<>();
        CastPlayer player = new CastPlayer(parsed, screen::add);
        player.seek(parsed.markers().get(1));
        assertThat(screen).containsExactly("ab"); // "c", at the same second, is the second step's own output
        assertThat(player.position()).isEqualTo(1.0);
        player.advance(0);
        assertThat(screen).containsExactly("ab", "c");
        player.seek(parsed.markers().get(0));
        assertThat(screen).endsWith(CastPlayer.RESET);
        assertThat(player.position()).isZero();
    }
}
