package dev.belay.audit;

/** Child process for the kill test: appends until killed, printing each seq once its append returned. */
public final class AppendBurst {
    private AppendBurst() { }

    public static void main(String[] args) {
        try (AuditStore store = AuditStore.open(args[0])) {
            Operator op = new Operator("burst", "burst", "child");
            for (int i = 0; i < 1_000_000; i++) {
                NewEvent e = NewEvent.of("burst-run", op, "db-1", EventType.NOTE);
                e.payload().put("text", "burst " + i + " " + "x".repeat(i % 200));
                System.out.println(store.append(e).seq());
                System.out.flush();
            }
        }
    }
}
