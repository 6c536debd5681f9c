package io.identity.command.recovery;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Security answers are compared in one form: NFKC, trimmed, case-folded, runs of white space made one space.
 * "  Mrs  SMITH " and "mrs smith" are the same answer.
 */
final class AnswerForm {

    private AnswerForm() {}

    static String normalize(String answer) {
        var folded = Normalizer.normalize(answer, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.strip().replaceAll("\\s+", " ");
    }
}
