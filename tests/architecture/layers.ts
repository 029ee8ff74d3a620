// The layer rules of docs/development.md "Layers", as a pure check over a module graph (file →
// the repository files it imports, type-only imports included): which area each file belongs
// to, which areas it may import, and the cycles between component folders.

/** Where a file sits: its layer, and for component folders and packages, which one. */
export type Area =
    | { kind: "index" }
    | { kind: "program" }
    | { kind: "component"; name: string }
    | { kind: "config" }
    | { kind: "shared" }
    | { kind: "functions" }
    | { kind: "policy" }
    | { kind: "tools" }
    | { kind: "tests" }
    | { kind: "package"; name: string };

/** The stack from top to bottom; a layer imports only the layers below it. */
const STACK_RANK: Partial<Record<Area["kind"], number>> = { index: 5, program: 4, component: 3, config: 2, shared: 1 };

export function areaOf(file: string): Area {
    const parts = file.split("/");
    if (file === "index.ts") return { kind: "index" };
    if (parts[0] === "components") {
        if (parts.length === 2) return file === "components/program.ts" ? { kind: "program" } : { kind: "component", name: parts[1] };
        if (parts[1] === "config") return { kind: "config" };
        if (parts[1] === "shared") return { kind: "shared" };
        return { kind: "component", name: parts[1] };
    }
    if (parts[0] === "functions") return { kind: "functions" };
    if (parts[0] === "policy") return { kind: "policy" };
    if (parts[0] === "tools") return { kind: "tools" };
    if (parts[0] === "tests" || parts[0] === "bench") return { kind: "tests" };
    // A workspace package of pure code (packages/aws-model): below every layer, like a library.
    if (parts[0] === "packages" && parts.length > 2) return { kind: "package", name: `${parts[0]}/${parts[1]}` };
    throw new Error(`${file} is in no layer of docs/development.md "Layers": add its folder there and to areaOf`);
}

function describeArea(area: Area): string {
    switch (area.kind) {
        case "index":
            return "index.ts";
        case "program":
            return "components/program.ts";
        case "component":
            return `components/${area.name}`;
        case "config":
        case "shared":
            return `components/${area.kind}`;
        case "package":
            return area.name;
        default:
            return `${area.kind}/`;
    }
}

/** Why `from` may not import `to`, or undefined when the layers allow it. */
export function layerViolation(from: Area, to: Area): string | undefined {
    if (describeArea(from) === describeArea(to)) return undefined;
    if (to.kind === "tools") return from.kind === "tools" ? undefined : "nothing uses tools/";
    if (to.kind === "tests") return "nothing uses tests/ or bench/";
    if (from.kind === "tools" || from.kind === "tests") return undefined;
    if (to.kind === "package") return undefined;
    if (from.kind === "package") return "a package of pure code imports nothing of the repository outside packages";
    if (from.kind === "functions") return "functions/ (Lambda runtime code) imports nothing from components/ or policy/";
    if (to.kind === "policy") return "nothing but tools/ uses the policy pack";
    // `pulumi policy publish` ships policy/ alone: what it shares with the program is a package.
    if (from.kind === "policy") return "the policy pack imports nothing outside policy/ but the packages its package.json names";
    // From here on `from` is a layer of the stack.
    if (to.kind === "functions") {
        // The handlers' own rules (settings, routes) are what config and components check against.
        return from.kind === "shared" ? "components/shared is the bottom layer: it imports nothing of the repository" : undefined;
    }
    const fromRank = STACK_RANK[from.kind]!;
    const toRank = STACK_RANK[to.kind]!;
    // Component folders may use each other; componentFolderCycles keeps that one-way.
    if (from.kind === "component" && to.kind === "component") return undefined;
    return toRank < fromRank ? undefined : `${describeArea(from)} may import only the layers below it`;
}

export interface Violation {
    from: string;
    to: string;
    rule: string;
}

/** Every import across areas that the layers forbid. */
export function layerViolations(graph: Readonly<Record<string, readonly string[]>>): Violation[] {
    const out: Violation[] = [];
    for (const [from, deps] of Object.entries(graph)) {
        for (const to of deps) {
            const rule = layerViolation(areaOf(from), areaOf(to));
            if (rule) out.push({ from, to, rule });
        }
    }
    return out;
}

/** Cycles in the graph of component folders (`components/api` → `components/config`...), each as a list of folders. */
export function componentFolderCycles(graph: Readonly<Record<string, readonly string[]>>): string[][] {
    const edges = new Map<string, Set<string>>();
    for (const [from, deps] of Object.entries(graph)) {
        const a = areaOf(from);
        if (a.kind !== "component") continue;
        for (const to of deps) {
            const b = areaOf(to);
            if (b.kind !== "component" || b.name === a.name) continue;
            if (!edges.has(a.name)) edges.set(a.name, new Set());
            edges.get(a.name)!.add(b.name);
        }
    }
    const cycles: string[][] = [];
    const done = new Set<string>();
    const visit = (node: string, path: string[]): void => {
        const at = path.indexOf(node);
        if (at >= 0) {
            cycles.push([...path.slice(at), node].map((n) => `components/${n}`));
            return;
        }
        if (done.has(node)) return;
        for (const next of [...(edges.get(node) ?? [])].sort()) visit(next, [...path, node]);
        done.add(node);
    };
    for (const node of [...edges.keys()].sort()) visit(node, []);
    return cycles;
}
