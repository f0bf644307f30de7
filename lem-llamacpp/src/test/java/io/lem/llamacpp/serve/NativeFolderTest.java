package io.lem.llamacpp.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class NativeFolderTest {

    @Test
    void eachProcessGetsItsOwnFolderAndFoldersOfDeadProcessesGo() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // a pid that cannot be running: above the kernel's pid_max
        Path orphan = Files.createDirectories(tmp.resolve("lem-llama-99999999"));
        Files.writeString(orphan.resolve("libjllama.so"), "left by a killed engine");
        String saved = System.clearProperty(NativeFolder.PROPERTY);
        try {
            Path mine = NativeFolder.isolate();
            assertThat(mine.getFileName().toString()).isEqualTo("lem-llama-" + ProcessHandle.current().pid());
            assertThat(mine).isDirectory();
            assertThat(System.getProperty(NativeFolder.PROPERTY)).isEqualTo(mine.toString());
            assertThat(orphan).doesNotExist();
            assertThat(NativeFolder.isolate()).isEqualTo(mine);
        } finally {
            if (saved != null) {
                System.setProperty(NativeFolder.PROPERTY, saved);
            }
        }
    }
}
