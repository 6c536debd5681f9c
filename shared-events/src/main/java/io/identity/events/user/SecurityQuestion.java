package io.identity.events.user;

/** One security question with the hash of its normalised answer (never the answer). */
public record SecurityQuestion(String question, String answerHash) {

    @Override
    public String toString() {
        return "SecurityQuestion[" + question + "]";
    }
}
