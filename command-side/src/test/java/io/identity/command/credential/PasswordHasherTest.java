package io.identity.command.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher("pepper", 4);

    @Test
    void aHashMatchesItsPasswordOnly() {
        var hash = hasher.hash("correct horse battery");
        assertThat(hash).startsWith("$2a$04$").doesNotContain("correct");
        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
    }

    @Test
    void everyCharacterOfALongPasswordCounts() {
        var prefix = "a".repeat(100);
        var hash = hasher.hash(prefix + "1");
        assertThat(hasher.matches(prefix + "2", hash)).isFalse();
        assertThat(hasher.matches(prefix + "1", hash)).isTrue();
    }

    @Test
    void passwordsAreComparedAfterNfkc() {
        var hash = hasher.hash("\uFB00ancy password");
        assertThat(hasher.matches("ffancy password", hash)).isTrue();
    }

    @Test
    void aHashOfAnotherCostNeedsRehashing() {
        assertThat(hasher.needsRehash(hasher.hash("correct horse battery"))).isFalse();
        assertThat(hasher.needsRehash(new PasswordHasher("pepper", 5).hash("correct horse battery")))
                .isTrue();
        assertThat(new PasswordHasher("pepper", 5).needsRehash(hasher.hash("correct horse battery")))
                .isTrue();
    }

    @Test
    void anotherPepperMakesHashesUseless() {
        var hash = hasher.hash("correct horse battery");
        assertThat(new PasswordHasher("other", 4).matches("correct horse battery", hash))
                .isFalse();
    }

    @Test
    void noMoreHashesRunAtOnceThanAllowed() {
        // one at a time, and each takes long enough (cost 14) for the others to be seen waiting
        var oneAtATime = new PasswordHasher("pepper", 14, 1);
        var threads = Executors.newFixedThreadPool(3);
        try {
            var hashes = IntStream.range(0, 3)
                    .mapToObj(i ->
                            CompletableFuture.supplyAsync(() -> oneAtATime.hash("correct horse battery " + i), threads))
                    .toList();
            assertThat(Eventually.within(Duration.ofSeconds(5), () -> oneAtATime.waiting() == 2))
                    .isTrue();
            hashes.forEach(hash -> assertThat(hash.join()).startsWith("$2a$14$"));
            assertThat(oneAtATime.waiting()).isZero();
        } finally {
            threads.shutdown();
        }
    }
}
