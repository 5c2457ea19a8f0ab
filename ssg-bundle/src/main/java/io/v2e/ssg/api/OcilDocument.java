package io.v2e.ssg.api;

import java.util.List;

/**
 * An OCIL document.
 *
 * @param questionnaires questionnaires in document order
 */
public record OcilDocument(List<Questionnaire> questionnaires) implements ScapDocument {
    public OcilDocument {
        questionnaires = List.copyOf(questionnaires);
    }

    @Override
    public String documentType() {
        return "OCIL Definitions file";
    }

    /**
     * A questionnaire with the texts of the questions its test actions ask
     * (questionnaire -> test_action_ref -> test action question_ref -> question_text).
     */
    public record Questionnaire(String id, String title, List<String> questionTexts) {
        public Questionnaire {
            questionTexts = List.copyOf(questionTexts);
        }
    }
}
