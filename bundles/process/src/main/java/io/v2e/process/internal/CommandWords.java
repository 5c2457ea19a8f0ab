package io.v2e.process.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a .cfg file's one-string {@code args} into words as a shell does for plain words:
 * whitespace separates, 'single' quotes keep everything, "double" quotes keep everything but
 * {@code \"} and {@code \\}. No variables, no globbing. A .config array is taken as it is.
 */
final class CommandWords {

    private CommandWords() {
    }

    /** @throws IllegalArgumentException for an unclosed quote */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("args: unclosed ' in \"" + text + "\"");
                }
                word.append(text, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < text.length() && text.charAt(j) != '"'; j++) {
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < text.length() && (text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\\')) {
                        j++;
                        d = text.charAt(j);
                    }
                    word.append(d);
                }
                if (j >= text.length()) {
                    throw new IllegalArgumentException("args: unclosed \" in \"" + text + "\"");
                }
                i = j;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
