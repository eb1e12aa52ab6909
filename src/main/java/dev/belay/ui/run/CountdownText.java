package dev.belay.ui.run;

import dev.belay.engine.Countdown;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A step's countdown in words ("Waiting: 45s left, until 14:32:10"); plain Java. */
final class CountdownText {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private CountdownText() {
    }

    static String of(Countdown c, Instant now) {
        if (c == null) {
            return null;
        }
        String left = StepLook.duration(ceil(Duration.between(now, c.until())));
        String giveUp = c.giveUpAt() == null ? ""
                : " · gives up in " + StepLook.duration(ceil(Duration.between(now, c.giveUpAt())));
        return switch (c.kind()) {
            case WAIT -> "Waiting: " + left + " left (until " + CLOCK.format(c.until()) + ")";
            case RETRY -> "Not passing yet on " + c.host() + ": attempt " + c.nextAttempt() + " in " + left + giveUp;
            case GATE -> "Gate not holding yet (checked on " + c.host() + "): checked again in " + left + giveUp;
        };
    }

    /** 1.2 s left reads "2s": a countdown must not show 0 while there is time left. */
    private static Duration ceil(Duration d) {
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(s);
    }
}
