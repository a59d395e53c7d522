package dev.kemu.cli;

import dev.kemu.strace.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms shared by the commands: a call's result as numbers and names, not strace text, and the function
 * graph as nested objects.
 */
final class JsonResults {
    private JsonResults() {
    }

    /**
     * {@code {"ret": 200}}, {@code {"ret": -1, "errno": "EINVAL"}}, {@code {"ret": null, "errno": "ERESTARTSYS"}} (no
     * return value: the call was interrupted), or {@code {"ret": null}} ({@code = ?}).
     */
    static Map<String, Object> result(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ret", r.value().isPresent() ? (Object) r.value().getAsLong() : null);
        if (r.errno() != null) {
            m.put("errno", r.errno());
        }
        if (r.decoration() != null && !r.decoration().isEmpty()) {
            m.put("decoration", r.decoration().trim());
        }
        return m;
    }

    /**
     * The function graph's lines as a tree: each function {@code {"function": "vfs_read", "calls": [...],
     * "notes": [...], "returned": "= 200"}}, in call order. A note is a comment line inside a function; a call with no
     * body ({@code f();}) is a function with no calls.
     */
    static List<Object> graph(List<String> lines) {
        List<Object> top = new ArrayList<>();
        List<Map<String, Object>> stack = new ArrayList<>();
        for (String raw : lines) {
            String l = raw.strip();
            List<Object> here = stack.isEmpty() ? top : calls(stack.get(stack.size() - 1));
            if (l.endsWith("{")) {
                Map<String, Object> f = function(l.substring(0, l.length() - 1).strip());
                here.add(f);
                stack.add(f);
            } else if (l.startsWith("}")) {
                if (!stack.isEmpty()) {
                    Map<String, Object> f = stack.remove(stack.size() - 1);
                    String rest = l.substring(1).strip();
                    if (rest.startsWith("/*") && rest.endsWith("*/")) {
                        f.put("returned", rest.substring(2, rest.length() - 2).strip());
                    }
                }
            } else if (l.startsWith("/*") && l.endsWith("*/")) {
                String note = l.substring(2, l.length() - 2).strip();
                if (stack.isEmpty()) {
                    top.add(Map.of("note", note));
                } else {
                    notes(stack.get(stack.size() - 1)).add(note);
                }
            } else if (!l.isEmpty()) {
                Map<String, Object> f = function(l.endsWith(";") ? l.substring(0, l.length() - 1) : l);
                here.add(f);
            }
        }
        return top;
    }

    private static Map<String, Object> function(String call) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("function", call.endsWith("()") ? call.substring(0, call.length() - 2) : call);
        f.put("notes", new ArrayList<>());
        f.put("calls", new ArrayList<>());
        return f;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> calls(Map<String, Object> f) {
        return (List<Object>) f.get("calls");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> notes(Map<String, Object> f) {
        return (List<Object>) f.get("notes");
    }
}
