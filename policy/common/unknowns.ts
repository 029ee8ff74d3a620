// Values unknown during `pulumi preview`. The SDK's proxy throws UnknownValueError when a policy
// reads one; the analyzer (and the offline plan) turn that into "can't run during preview".
// Most rules simply let it throw. These helpers are for the few places that must keep looking
// after an unknown (a later candidate may still decide the answer) and rethrow only if nothing did.

import { UnknownValueError } from "@pulumi/policy";

export type Known<T> = { known: true; value: T } | { known: false; error: UnknownValueError };

/** Runs `read`; an unknown value comes back as `{ known: false }` instead of throwing. */
export function tryKnown<T>(read: () => T): Known<T> {
    try {
        return { known: true, value: read() };
    } catch (err) {
        if (err instanceof UnknownValueError) {
            return { known: false, error: err };
        }
        throw err;
    }
}

/** A yes/no answer that may not be knowable yet. */
export type Maybe = boolean | UnknownValueError;

export function maybe(read: () => boolean): Maybe {
    const r = tryKnown(read);
    return r.known ? r.value : r.error;
}

/**
 * True when any answer is yes. When none is yes but some could not be known, throws the first
 * unknown: answering "no" then would be a guess, and a policy must not pass or fail on a guess.
 */
export function anyYes(answers: Iterable<Maybe>): boolean {
    let unknown: UnknownValueError | undefined;
    for (const a of answers) {
        if (a === true) return true;
        if (a instanceof UnknownValueError) unknown ??= a;
    }
    if (unknown) throw unknown;
    return false;
}

/** Both answers yes; a no on either side decides even when the other is unknown. */
export function bothYes(a: Maybe, b: () => Maybe): Maybe {
    if (a === false) return false;
    const second = b();
    if (second === false) return false;
    return a === true ? second : a;
}
