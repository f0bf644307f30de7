package io.lem.report.html;

/** Escaping for the two contexts the page writes into: HTML text and a JSON {@code <script>} block. */
public final class Html {

    private Html() {
    }

    public static String text(Object o) {
        String s = String.valueOf(o);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * JSON made safe inside a script element: {@code <}, {@code >} and {@code &} only occur inside JSON strings, where
     * their \\u escapes mean the same, so no {@code </script>} or {@code <!--} can end or change the block; U+2028 and
     * U+2029 are escaped for older script parsers.
     */
    public static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
