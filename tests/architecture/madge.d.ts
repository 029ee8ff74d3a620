// The part of madge's API the layer test uses (madge ships no type declarations).
declare module "madge" {
    interface MadgeConfig {
        baseDir?: string;
        fileExtensions?: string[];
        tsConfig?: string | object;
        detectiveOptions?: Record<string, Record<string, unknown>>;
    }
    interface MadgeInstance {
        /** File → the files it imports, relative to baseDir. */
        obj(): Record<string, string[]>;
        /** Each import cycle as the files on it. */
        circular(): string[][];
        /** Imports madge could not resolve to a file. */
        warnings(): { skipped: string[] };
    }
    function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeInstance>;
    export = madge;
}
