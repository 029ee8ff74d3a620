// The problems a handler's settings reader reports for an environment it refuses.

import { expect } from "chai";
import { HandlerSettingsError, type SettingProblem } from "../../../functions/shared/settings-error";

export function settingsProblems(read: (env: Record<string, string | undefined>) => unknown, env: Record<string, string | undefined>): SettingProblem[] {
    try {
        read(env);
    } catch (err) {
        expect(err).to.be.instanceOf(HandlerSettingsError);
        return (err as HandlerSettingsError).problems;
    }
    throw new Error("expected the settings to be rejected");
}
