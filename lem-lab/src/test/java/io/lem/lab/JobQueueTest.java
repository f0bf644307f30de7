package io.lem.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The retention rule: the newest finished jobs stay for replay, older ones go, running and waiting ones never. */
class JobQueueTest {

    @Test
    void onlyTheNewestFinishedJobsAreKept() throws Exception {
        CountDownLatch sixthRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (JobQueue queue = new JobQueue(job -> {
            if (job.id().equals("j6")) {
                sixthRunning.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
        }, 2)) {
            for (int i = 1; i <= 7; i++) {
                queue.submit(new Job("j" + i, "s", "run", null, 1));
            }
            // one thread: j1..j5 finished and were pruned before j6 started; j7 waits behind j6
            assertThat(sixthRunning.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(queue.job("j1")).isNull();
            assertThat(queue.job("j2")).isNull();
            assertThat(queue.job("j3")).isNull();
            assertThat(queue.job("j4").state()).isEqualTo("done");
            assertThat(queue.job("j5").state()).isEqualTo("done");
            assertThat(queue.job("j6").state()).isEqualTo("running");
            assertThat(queue.job("j7").state()).isEqualTo("queued");
            // a kept job still replays its whole story
            assertThat(queue.job("j5").subscribe(e -> { }).getLast().type()).isEqualTo("end");
            release.countDown();
        }
    }

    @Test
    void retainingNoFinishedJobIsRefused() {
        assertThatThrownBy(() -> new JobQueue(job -> { }, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retainFinished").hasMessageContaining("0");
    }
}
