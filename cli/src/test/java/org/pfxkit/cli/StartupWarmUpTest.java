package org.pfxkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class StartupWarmUpTest {

    @Test
    void stepsRunInOrderAndAFailingStepDoesNotStopTheRest() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        StartupWarmUp.inBackground(
                () -> ran.add("first"),
                () -> {
                    throw new IllegalStateException("a warm-up step that fails");
                },
                () -> {
                    throw new NoClassDefFoundError("a class the warm-up cannot load");
                },
                () -> {
                    ran.add("last");
                    done.countDown();
                });
        assertTrue(done.await(30, TimeUnit.SECONDS), "the last step ran");
        assertEquals(List.of("first", "last"), ran);
    }
}
