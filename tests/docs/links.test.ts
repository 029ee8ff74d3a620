// Every relative link in README.md and docs/**/*.md points at a file or folder of the repository,
// and every #anchor at a heading of the target page, with anchors computed as GitHub computes
// them (github-slugger implements GitHub's algorithm, duplicate headings numbered -1, -2, ...).

import { expect } from "chai";
import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../tools/plan/index";

type Token = MarkdownIt.Token;

const markdown = new MarkdownIt({ html: true });

function markdownFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? markdownFiles(full) : entry.name.endsWith(".md") ? [full] : [];
    });
}

/** The text GitHub makes an anchor from: the heading's inline content without its markup. */
function plainText(inline: Token): string {
    return (inline.children ?? []).map((t) => (t.type === "text" || t.type === "code_inline" ? t.content : "")).join("");
}

interface Page {
    anchors: Set<string>;
    links: { href: string; line: number }[];
}

function readPage(file: string): Page {
    const tokens = markdown.parse(fs.readFileSync(file, "utf8"), {});
    const slugger = new GithubSlugger();
    const anchors = new Set<string>();
    const links: Page["links"] = [];
    tokens.forEach((token, i) => {
        if (token.type === "heading_open") anchors.add(slugger.slug(plainText(tokens[i + 1])));
        for (const child of token.type === "inline" ? (token.children ?? []) : []) {
            const href = child.type === "link_open" ? child.attrGet("href") : child.type === "image" ? child.attrGet("src") : null;
            if (href !== null) links.push({ href: String(href), line: (token.map?.[0] ?? 0) + 1 });
        }
    });
    return { anchors, links };
}

const files = [path.join(REPO_ROOT, "README.md"), ...markdownFiles(path.join(REPO_ROOT, "docs"))];
const pages = new Map(files.map((f) => [f, readPage(f)]));

describe("docs: relative links and anchors resolve", () => {
    it("reads the README and the docs pages", () => {
        expect(files.map((f) => path.relative(REPO_ROOT, f))).to.include.members(["README.md", "docs/config-reference.md", "docs/policy-rules.md"]);
    });

    for (const file of files) {
        it(`${path.relative(REPO_ROOT, file)}: every relative link and anchor resolves`, () => {
            const broken: string[] = [];
            for (const { href, line } of pages.get(file)!.links) {
                if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // https:, mailto: and the like
                const [target, anchor] = href.split("#", 2) as [string, string | undefined];
                const resolved = target === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(target));
                if (!resolved.startsWith(REPO_ROOT) || !fs.existsSync(resolved)) {
                    broken.push(`line ${line}: ${href} (no such file)`);
                    continue;
                }
                if (anchor === undefined || !resolved.endsWith(".md")) continue;
                const page = pages.get(resolved) ?? readPage(resolved);
                if (!page.anchors.has(decodeURIComponent(anchor))) broken.push(`line ${line}: ${href} (no heading with that anchor)`);
            }
            expect(broken).to.deep.equal([]);
        });
    }
});
