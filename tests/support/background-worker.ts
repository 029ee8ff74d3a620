// The child side of callInChild (./background.ts): calls one exported async function and sends
// back its result (or its error), then exits.

const [modulePath, exportName] = process.argv.slice(2);

async function main(): Promise<void> {
    const fn = require(modulePath)[exportName] as () => Promise<unknown>;
    let answer: { value: unknown } | { error: string };
    try {
        answer = { value: await fn() };
    } catch (err) {
        answer = { error: (err as Error).stack ?? String(err) };
    }
    process.send!(answer, () => process.exit(0));
}

void main();
