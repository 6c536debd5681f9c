package io.identity.command.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswersAndDecoysTest {

    @Test
    void answersAreComparedTrimmedCaseFoldedWithSpacesCollapsed() {
        assertThat(AnswerForm.normalize("  Mrs \t SMITH ")).isEqualTo("mrs smith");
        assertThat(AnswerForm.normalize("\uFF2D\uFF52\uFF53 Smith"))
                .as("full-width letters under NFKC")
                .isEqualTo("mrs smith");
        assertThat(AnswerForm.normalize("Smith")).isNotEqualTo(AnswerForm.normalize("Smyth"));
    }

    @Test
    void decoysAreThreeDistinctQuestionsStablePerLoginAndSecret() {
        var decoys = new DecoyQuestions("secret");
        var first = decoys.forLogin("ada");
        assertThat(first).hasSize(3).doesNotHaveDuplicates();
        assertThat(DecoyQuestions.POOL).containsAll(first);
        assertThat(new DecoyQuestions("secret").forLogin("ada")).isEqualTo(first);
        var variety = new HashSet<List<String>>();
        for (int i = 0; i < 20; i++) {
            variety.add(decoys.forLogin("user" + i));
        }
        assertThat(variety.size()).as("different logins get different sets").isGreaterThan(10);
    }
}
