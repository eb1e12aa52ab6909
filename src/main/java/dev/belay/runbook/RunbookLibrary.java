package dev.belay.runbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every runbook of one or more folders ({@code *.yaml}, {@code *.yml}), indexed by id and grouped by
 * component, with {@code include:} resolved across files: an unknown id or a cycle is a problem of the
 * including file. Only runbooks without problems are indexed.
 */
public final class RunbookLibrary {

    private final Map<Path, LoadResult<Runbook>> results = new LinkedHashMap<>();
    private final Map<String, Runbook> byId = new LinkedHashMap<>();

    private RunbookLibrary() {
    }

    /** Loads the folders (missing ones are skipped) and the extra files, each file once. */
    public static RunbookLibrary load(List<Path> folders, List<Path> extraFiles) {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            files.addAll(yamlFiles(folder));
        }
        files.addAll(extraFiles);
        Map<Path, LoadResult<Runbook>> partial = new LinkedHashMap<>();
        RunbookLoader loader = new RunbookLoader();
        for (Path f : files) {
            Path key = f.toAbsolutePath().normalize();
            if (!partial.containsKey(key)) {
                partial.put(key, loadPartial(loader, f));
            }
        }
        RunbookLibrary lib = new RunbookLibrary();
        lib.resolve(partial);
        return lib;
    }

    public static RunbookLibrary load(Path... folders) {
        return load(List.of(folders), List.of());
    }

    private static LoadResult<Runbook> loadPartial(RunbookLoader loader, Path f) {
        try {
            return loader.loadPartial(f.toString(), Files.readAllBytes(f));
        } catch (IOException | SecurityException e) {
            return new LoadResult<>(null, List.of(new Problem(f.toString(), 1, 1, "cannot read the file: " + e)), "",
                    SourceMap.EMPTY, f.toString());
        }
    }

    private static List<Path> yamlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void resolve(Map<Path, LoadResult<Runbook>> partial) {
        Map<String, Path> owner = new LinkedHashMap<>();
        Map<Path, List<Problem>> extra = new LinkedHashMap<>();
        for (Map.Entry<Path, LoadResult<Runbook>> e : partial.entrySet()) {
            Runbook rb = e.getValue().value();
            extra.put(e.getKey(), new ArrayList<>());
            if (rb == null || rb.id() == null) {
                continue;
            }
            Path prev = owner.putIfAbsent(rb.id(), e.getKey());
            if (prev != null) {
                extra.get(e.getKey()).add(at(e.getValue(), "id", "runbook id '" + rb.id() + "' is also used by "
                        + partial.get(prev).file() + ": runbook ids must be unique in the library; rename one"));
            }
        }
        Map<String, Runbook> all = new LinkedHashMap<>();
        owner.forEach((id, path) -> all.put(id, partial.get(path).value()));
        IncludeGraph graph = new IncludeGraph(all);
        for (Map.Entry<Path, LoadResult<Runbook>> e : partial.entrySet()) {
            if (e.getValue().value() != null) {
                extra.get(e.getKey()).addAll(graph.check(e.getValue()));
            }
        }
        brokenIncludes(partial, extra);
        for (Map.Entry<Path, LoadResult<Runbook>> e : partial.entrySet()) {
            LoadResult<Runbook> r = e.getValue();
            List<Problem> problems = new ArrayList<>(r.problems());
            problems.addAll(extra.get(e.getKey()));
            problems = RunbookLoader.sorted(problems);
            Runbook value = problems.isEmpty() ? r.value() : null;
            results.put(e.getKey(), new LoadResult<>(value, problems, r.sha256(), r.positions(), r.file()));
            if (value != null && !byId.containsKey(value.id())) {
                byId.put(value.id(), value);
            }
        }
    }

    /** A runbook that includes one with problems cannot run either; repeated until nothing changes. */
    private static void brokenIncludes(Map<Path, LoadResult<Runbook>> partial, Map<Path, List<Problem>> extra) {
        Map<String, Path> broken = new LinkedHashMap<>();
        partial.forEach((path, r) -> {
            if (r.value() != null && r.value().id() != null && (!r.problems().isEmpty() || !extra.get(path).isEmpty())) {
                broken.putIfAbsent(r.value().id(), path);
            }
        });
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Path, LoadResult<Runbook>> e : partial.entrySet()) {
                Runbook rb = e.getValue().value();
                if (rb == null || rb.id() == null || broken.containsKey(rb.id())) {
                    continue;
                }
                for (int i = 0; i < rb.steps().size(); i++) {
                    if (rb.steps().get(i).action() instanceof Action.Include inc && broken.containsKey(inc.runbookId())) {
                        extra.get(e.getKey()).add(at(e.getValue(), "steps/" + i + "/include", "included runbook '"
                                + inc.runbookId() + "' has problems (see " + partial.get(broken.get(inc.runbookId())).file()
                                + "): fix it first"));
                        broken.putIfAbsent(rb.id(), e.getKey());
                        changed = true;
                    }
                }
            }
        }
    }

    static Problem at(LoadResult<Runbook> r, String path, String message) {
        Position p = r.positions().at(path);
        return new Problem(r.file(), p.line(), p.column(), message);
    }

    /** Each loaded file's result, keyed by absolute normalized path, in load order. */
    public Map<Path, LoadResult<Runbook>> results() {
        return Collections.unmodifiableMap(results);
    }

    public LoadResult<Runbook> resultOf(Path file) {
        return results.get(file.toAbsolutePath().normalize());
    }

    public List<Problem> problems() {
        return results.values().stream().flatMap(r -> r.problems().stream()).toList();
    }

    public Map<String, Runbook> byId() {
        return Collections.unmodifiableMap(byId);
    }

    public Optional<Runbook> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Valid runbooks grouped by component (sorted by name; no component groups under ""). */
    public Map<String, List<Runbook>> byComponent() {
        Map<String, List<Runbook>> out = new TreeMap<>();
        byId.values().forEach(rb -> out.computeIfAbsent(rb.component() == null ? "" : rb.component(),
                k -> new ArrayList<>()).add(rb));
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }

    /** The runbook's steps with every include inlined (the library has no cycles among valid runbooks). */
    public List<ExpandedStep> expand(String runbookId) {
        Runbook rb = byId.get(runbookId);
        if (rb == null) {
            throw new IllegalArgumentException("no valid runbook with id '" + runbookId + "' in the library");
        }
        List<ExpandedStep> out = new ArrayList<>();
        expandInto(rb, "", out);
        return out;
    }

    private void expandInto(Runbook rb, String prefix, List<ExpandedStep> out) {
        for (Step s : rb.steps()) {
            if (s.action() instanceof Action.Include inc) {
                expandInto(byId.get(inc.runbookId()), prefix + s.id() + "/", out);
            } else {
                out.add(new ExpandedStep(prefix + s.id(), rb.id(), s));
            }
        }
    }
}
