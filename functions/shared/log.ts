// One structured log line per event worth recording. Never pass tokens, URLs with
// signatures or request bodies: log lines outlive the requests they describe.

export type LogFields = Record<string, string | number | boolean | undefined>;
export type Log = (level: "info" | "warn" | "error", message: string, fields?: LogFields) => void;

export const jsonLog: Log = (level, message, fields = {}) => {
    const line = JSON.stringify({ level, message, ...fields });
    if (level === "info") {
        console.log(line);
    } else {
        console.warn(line);
    }
};
