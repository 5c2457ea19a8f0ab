package io.v2e.ssg.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamException;

import io.v2e.ssg.api.OcilDocument;

/** Reads an OCIL 2.0 {@code ocil} element and links questionnaires to their question texts. */
final class OcilReader {

    private final ParseContext ctx;

    OcilReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    OcilDocument read() throws XMLStreamException {
        List<String[]> questionnaires = new ArrayList<>(); // id, title
        List<List<String>> actionRefs = new ArrayList<>();
        Map<String, String> questionOfAction = new HashMap<>();
        Map<String, String> textOfQuestion = new HashMap<>();
        while (ctx.nextChild()) {
            if (!ctx.in(Namespaces.OCIL)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "questionnaires" -> {
                    while (ctx.nextChild()) {
                        if (ctx.localName().equals("questionnaire")) {
                            readQuestionnaire(questionnaires, actionRefs);
                        } else {
                            ctx.skip();
                        }
                    }
                }
                case "test_actions" -> {
                    while (ctx.nextChild()) {
                        String id = ctx.attr("id");
                        String questionRef = ctx.attr("question_ref");
                        if (!questionRef.isEmpty()) {
                            questionOfAction.put(id, questionRef);
                        }
                        ctx.skip();
                    }
                }
                case "questions" -> {
                    while (ctx.nextChild()) {
                        String id = ctx.attr("id");
                        StringBuilder text = new StringBuilder();
                        while (ctx.nextChild()) {
                            if (ctx.localName().equals("question_text")) {
                                if (text.length() > 0) {
                                    text.append('\n');
                                }
                                text.append(ctx.text());
                            } else {
                                ctx.skip();
                            }
                        }
                        textOfQuestion.put(id, text.toString());
                    }
                }
                default -> ctx.skip();
            }
        }
        List<OcilDocument.Questionnaire> result = new ArrayList<>(questionnaires.size());
        for (int i = 0; i < questionnaires.size(); i++) {
            List<String> texts = new ArrayList<>();
            for (String actionRef : actionRefs.get(i)) {
                String text = textOfQuestion.get(questionOfAction.getOrDefault(actionRef, ""));
                if (text != null) {
                    texts.add(text);
                }
            }
            result.add(new OcilDocument.Questionnaire(questionnaires.get(i)[0], questionnaires.get(i)[1], texts));
        }
        return new OcilDocument(result);
    }

    private void readQuestionnaire(List<String[]> questionnaires, List<List<String>> actionRefs)
            throws XMLStreamException {
        ctx.ocilQuestionnaires++;
        String id = ctx.attr("id");
        String title = "";
        List<String> refs = new ArrayList<>(1);
        while (ctx.nextChild()) {
            switch (ctx.localName()) {
                case "title" -> title = ctx.text();
                case "actions" -> {
                    while (ctx.nextChild()) {
                        if (ctx.localName().equals("test_action_ref")) {
                            refs.add(ctx.text());
                        } else {
                            ctx.skip();
                        }
                    }
                }
                default -> ctx.skip();
            }
        }
        questionnaires.add(new String[] {id, title});
        actionRefs.add(refs);
    }
}
