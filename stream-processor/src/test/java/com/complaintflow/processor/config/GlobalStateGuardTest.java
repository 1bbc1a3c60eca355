package com.complaintflow.processor.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The global stores' directory survives a clean stop and is rebuilt after any other. */
class GlobalStateGuardTest {
  @TempDir Path stateDir;

  private Path globalStoreFile() throws Exception {
    Path file = GlobalStateGuard.globalDir(stateDir, "app").resolve("rocksdb").resolve("client-contact-index").resolve("000001.sst");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x");
    return file;
  }

  @Test
  void afterAnUncleanStopTheGlobalStoresAreDeletedAndTheTasksAreNot() throws Exception {
    Path store = globalStoreFile();
    Path task = stateDir.resolve("app").resolve("0_1").resolve("rocksdb").resolve("case-store");
    Files.createDirectories(task);
    assertTrue(GlobalStateGuard.beforeStart(stateDir, "app"));
    assertFalse(Files.exists(store));
    assertFalse(Files.exists(GlobalStateGuard.globalDir(stateDir, "app")));
    assertTrue(Files.isDirectory(task), "task stores are Kafka Streams' to judge");
  }

  @Test
  void afterACleanStopTheyAreKeptOnceAndTheMarkIsSpent() throws Exception {
    Path store = globalStoreFile();
    GlobalStateGuard.afterCleanStop(stateDir, "app");
    assertFalse(GlobalStateGuard.beforeStart(stateDir, "app"));
    assertTrue(Files.exists(store));
    // this run dies without a clean stop: the next start rebuilds them
    assertTrue(GlobalStateGuard.beforeStart(stateDir, "app"));
    assertFalse(Files.exists(store));
  }

  @Test
  void aFirstStartHasNothingToDelete() {
    assertFalse(GlobalStateGuard.beforeStart(stateDir, "app"));
  }
}
