package io.lem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import io.lem.config.StudyConfig;
import io.lem.engine.EmbeddedEngine;
import io.lem.meter.Clock;
import io.lem.result.Environment;
import io.lem.study.ExperimentRunner;
import io.lem.study.MeterFactory;
import io.lem.study.ModelResolver;
import io.lem.study.StudyListener;
import io.lem.study.StudyResult;
import io.lem.study.StudyRunner;

/**
 * lem's library entry point. The CLI is a thin layer over this:
 * <pre>{@code
 * StudyConfig study = StudyLoader.load(Path.of("study.yaml"), Map.of());
 * StudyResult result = Lem.builder().models(myResolver).build()
 *         .runStudy(study, StudyRunner.newStudyDir(Path.of("results"), study.studyName()));
 * }</pre>
 */
public final class Lem {

    private final ModelResolver models;
    private final MeterFactory meters;
    private final Clock clock;
    private final StudyListener listener;
    private final String engineMainClass;
    private final Path lemHome;
    private final Path procRoot;

    private Lem(Builder b) {
        this.models = Objects.requireNonNull(b.models, "models: a ModelResolver is required");
        this.meters = b.meters != null ? b.meters : io.lem.study.LocalMeters.factory(b.powercapRoot, b.procRoot);
        this.clock = b.clock;
        this.listener = b.listener;
        this.engineMainClass = b.engineMainClass;
        this.lemHome = b.lemHome;
        this.procRoot = b.procRoot;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs (or resumes) a study into {@code studyDir}. */
    public StudyResult runStudy(StudyConfig study, Path studyDir) throws IOException, InterruptedException {
        ExperimentRunner runner = new ExperimentRunner(EmbeddedEngine.current(engineMainClass), models, meters, clock,
                Environment.probe(procRoot, lemHome), listener);
        return new StudyRunner(runner, listener).run(study, studyDir);
    }

    public static final class Builder {
        private ModelResolver models;
        private MeterFactory meters;
        private Clock clock = Clock.system();
        private StudyListener listener = StudyListener.NONE;
        private String engineMainClass = "io.lem.cli.Main";
        private Path lemHome;
        private Path powercapRoot = io.lem.meter.MeterContext.system().powercapRoot();
        private Path procRoot = io.lem.meter.MeterContext.system().procRoot();

        private Builder() {
        }

        /** Resolves engine configs to model files (required). */
        public Builder models(ModelResolver models) {
            this.models = models;
            return this;
        }

        /** Opens meters per experiment; default: the local machine's RAPL and process meters. */
        public Builder meters(MeterFactory meters) {
            this.meters = meters;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder listener(StudyListener listener) {
            this.listener = listener;
            return this;
        }

        /** The main class that has the {@code serve} subcommand (the engine child runs it). */
        public Builder engineMainClass(String engineMainClass) {
            this.engineMainClass = engineMainClass;
            return this;
        }

        /** lem's checkout, to record its git commit in results; null to leave it out. */
        public Builder lemHome(Path lemHome) {
            this.lemHome = lemHome;
            return this;
        }

        public Builder powercapRoot(Path powercapRoot) {
            this.powercapRoot = powercapRoot;
            return this;
        }

        public Builder procRoot(Path procRoot) {
            this.procRoot = procRoot;
            return this;
        }

        public Lem build() {
            return new Lem(this);
        }
    }
}
