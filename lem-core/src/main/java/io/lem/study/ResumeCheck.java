package io.lem.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.lem.config.ConfigException;
import io.lem.plan.Point;
import io.lem.plan.Run;
import io.lem.plan.StudyPlan;

/**
 * The manifest a run starts from: a fresh one for a new directory, or the directory's own after checking that the
 * study design is the one it was written for. A changed design hash is refused with the points added and removed
 * (hash and keys): mixing results of two designs in one directory would make every comparison in it suspect.
 * Execution settings are not in the hash, so more cycles may be asked for on resume; their runs are appended.
 */
final class ResumeCheck {

    private ResumeCheck() {
    }

    static StudyManifest fresh(StudyPlan plan, Path studyDir) {
        List<StudyManifest.RunEntry> runs = new ArrayList<>();
        for (Run r : plan.runs()) {
            runs.add(new StudyManifest.RunEntry(r.point(), r.cycle(), r.pauseBeforeS(),
                    StudyLayout.runDir(plan, r.point(), r.cycle()), RunStatus.PENDING, null));
        }
        return new StudyManifest(StudyManifest.VERSION, plan.studyName(), plan.studyDesignHash(),
                plan.sources().stream().map(Path::toString).toList(), "running", null,
                plan.execution().experimentTimeoutS(), points(plan), runs);
    }

    static StudyManifest resumed(StudyPlan plan, StudyManifest old, Path studyDir) {
        if (!Objects.equals(old.studyDesignHash(), plan.studyDesignHash())) {
            throw new ConfigException("--resume", studyDir + " holds study design " + shortHash(old.studyDesignHash())
                    + ", the study file now gives " + shortHash(plan.studyDesignHash()) + "; " + diff(plan, old)
                    + "; fix: run the changed study into a new directory (leave out --resume), or restore the file");
        }
        List<StudyManifest.RunEntry> runs = new ArrayList<>(old.runs());
        for (Run r : plan.runs()) {
            if (runs.stream().noneMatch(e -> e.point() == r.point() && e.cycle() == r.cycle())) {
                runs.add(new StudyManifest.RunEntry(r.point(), r.cycle(), r.pauseBeforeS(),
                        StudyLayout.runDir(plan, r.point(), r.cycle()), RunStatus.PENDING, null));
            }
        }
        return new StudyManifest(StudyManifest.VERSION, plan.studyName(), plan.studyDesignHash(),
                plan.sources().stream().map(Path::toString).toList(), "running", null,
                plan.execution().experimentTimeoutS(), points(plan), runs);
    }

    /** {@code added: 3f2a9c1e {engine.parallel=4}; removed: 0b7d…}: the points by hash, with their keys. */
    static String diff(StudyPlan plan, StudyManifest old) {
        Map<String, Map<String, Object>> before = new LinkedHashMap<>();
        old.points().forEach(p -> before.put(p.hash(), p.declared()));
        Map<String, Map<String, Object>> now = new LinkedHashMap<>();
        plan.points().forEach(p -> now.put(p.hash(), p.declared()));
        List<String> added = now.entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
                .map(e -> e.getKey().substring(0, 8) + " " + e.getValue()).toList();
        List<String> removed = before.entrySet().stream().filter(e -> !now.containsKey(e.getKey()))
                .map(e -> e.getKey().substring(0, 8) + " " + e.getValue()).toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return "the same points in another order";
        }
        return "added: " + (added.isEmpty() ? "none" : String.join(", ", added)) + "; removed: "
                + (removed.isEmpty() ? "none" : String.join(", ", removed));
    }

    private static List<StudyManifest.PointEntry> points(StudyPlan plan) {
        List<StudyManifest.PointEntry> points = new ArrayList<>();
        for (Point p : plan.points()) {
            points.add(new StudyManifest.PointEntry(p.index(), p.hash(), StudyLayout.pointDir(p.config()),
                    new LinkedHashMap<>(p.declared()), new LinkedHashMap<>(p.values())));
        }
        return points;
    }

    private static String shortHash(String hash) {
        return hash == null ? "(none)" : hash.substring(0, Math.min(16, hash.length()));
    }
}
