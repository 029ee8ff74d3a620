// What bundling one handler produces: the shape both the bundler (`bundle.ts`) and its disk
// cache (`handler-cache.ts`) read and write, in a file of its own so neither imports the other.

export interface HandlerBundle {
    /** Entry file, relative to the repository root. */
    entry: string;
    code: string;
    sha256: string;
    /** What the bundle still loads at run time (`require`), as esbuild reports it: Node built-ins only. */
    externals: string[];
}
