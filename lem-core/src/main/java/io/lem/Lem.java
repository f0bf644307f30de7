package io.lem;

import java.io.IOException;
import java.nio.file.Path;

import io.lem.config.StudyConfig;
import io.lem.engine.EngineDriver;
import io.lem.engine.EngineDrivers;
import io.lem.meter.Clock;
import io.lem.result.Environment;
import io.lem.study.ExperimentRunner;
import io.lem.study.MeterFactory;
import io.lem.study.StudyListener;
import io.lem.study.StudyResult;
import io.lem.study.StudyRunner;

/**
 * lem's library entry point. The CLI is a thin layer over this:
 * <pre>{@code
 * StudyConfig study = StudyLoader.load(Path.of("study.yaml"), Map.of());
 * StudyResult result = Lem.builder().build()
 *         .runStudy(study, StudyRunner.newStudyDir(Path.of("results"), study.studyName()));
 * }</pre>
 */
public final class Lem {

    private final EngineDrivers engines;
    private final MeterFactory meters;
    private final Clock clock;
    private final StudyListener listener;
    private final Path lemHome;
    private final Path procRoot;

    private Lem(Builder b) {
        this.engines = b.engines;
        this.meters = b.meters != null ? b.meters : io.lem.study.LocalMeters.factory(b.powercapRoot, b.procRoot);
        this.clock = b.clock;
        this.listener = b.listener;
        this.lemHome = b.lemHome;
        this.procRoot = b.procRoot;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs (or resumes) a study into {@code studyDir}. */
    public StudyResult runStudy(StudyConfig study, Path studyDir) throws IOException, InterruptedException {
        ExperimentRunner runner = new ExperimentRunner(engines, meters, clock,
                Environment.probe(procRoot, lemHome), listener);
        return new StudyRunner(runner, listener).run(study, studyDir);
    }

    public static final class Builder {
        private EngineDrivers engines = EngineDrivers.discover();
        private MeterFactory meters;
        private Clock clock = Clock.system();
        private StudyListener listener = StudyListener.NONE;
        private Path lemHome;
        private Path powercapRoot = io.lem.meter.MeterContext.system().powercapRoot();
        private Path procRoot = io.lem.meter.MeterContext.system().procRoot();

        private Builder() {
        }

        /**
         * Runs experiments of this driver's {@code engine.type} with it, in place of the one found on the class path
         * (default: the drivers in {@code META-INF/services/io.lem.engine.EngineDriver}, e.g. lem-llamacpp's).
         */
        public Builder engine(EngineDriver driver) {
            this.engines = engines.with(driver);
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
