package io.lem.lab;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import io.lem.engine.EngineDrivers;
import io.lem.measure.MeterFactory;

/** A Lab against a {@link ScriptedChat} server, restartable on the same data directory; closed after each test. */
abstract class ScriptedLab {

    @TempDir
    Path data;

    ScriptedChat chat;
    LabServer lab;

    /** The scripted answer's chunks and delays; the server starts with the first Lab. */
    abstract ScriptedChat chat() throws Exception;

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
        if (chat != null) {
            chat.close();
        }
    }

    LabClient start(MeterFactory meters, double baselineS) throws Exception {
        if (chat == null) {
            chat = chat();
        }
        lab = LabServer.start(LabOptions.defaults(data, new LabTarget.Remote(chat.url(), "openai")).withPort(0)
                .withBaselineS(baselineS), EngineDrivers.of(List.of()), meters, s -> { });
        return new LabClient(lab.url());
    }
}
