package dev.comments.bench;

import dev.comments.core.comment.Comment;
import dev.comments.core.comment.VerifiedComment;
import java.time.Instant;
import java.util.List;

/** The reference page: the same thread as plain static HTML, one article per comment, no script. */
final class StaticThread {

    private StaticThread() {
    }

    static String html(List<VerifiedComment> thread) {
        StringBuilder sb = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Comments (static reference)</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
                <style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}
                .comment{border-top:1px solid #ddd;padding:.5rem 0}.author{font-weight:600}time{color:#666;margin-left:.5rem}
                .reply{margin-left:2rem}</style></head>
                <body><h1>Comments</h1><ol class="thread" data-testid="thread">
                """);
        for (VerifiedComment v : thread) {
            Comment c = v.comment();
            sb.append("<li><article class=\"comment").append(c.parent() == null ? "" : " reply")
                    .append("\" data-testid=\"comment\" data-id=\"").append(v.id()).append("\">")
                    .append("<header><span class=\"author\">").append(escape(c.author())).append("</span><time datetime=\"")
                    .append(Instant.ofEpochMilli(c.ts())).append("\">").append(Instant.ofEpochMilli(c.ts()))
                    .append("</time></header><p>").append(escape(c.text())).append("</p></article></li>\n");
        }
        return sb.append("</ol></body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
