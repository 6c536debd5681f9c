package io.identity.command.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param userThreshold a User is snapshotted every this many events (default 100) */
@ConfigurationProperties("identity.snapshots")
record SnapshotSettings(Integer userThreshold) {

    SnapshotSettings {
        userThreshold = userThreshold != null ? userThreshold : 100;
    }
}
