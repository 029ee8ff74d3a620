// One validation for a rule that judges several resource types, dispatching on the type the
// way `validateResourceOfType` does for one: other types are reported as not applicable.

import type { ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";

export type TypedCheck = (props: Record<string, any>, args: ResourceValidationArgs, report: ReportViolation) => void | Promise<void>;

export function validateResourcesOfTypes(checks: Record<string, TypedCheck>, description: string): ResourceValidation {
    const validate: ResourceValidation = (args, report) => {
        const check = checks[args.type];
        if (!check) {
            args.notApplicable(`applies only to ${description}`);
        }
        return check(args.props, args, report);
    };
    // The offline plan's evaluator skips other types without a call (and a thrown
    // notApplicable) when told which types these are; the Pulumi CLI ignores the property.
    return Object.assign(validate, { __gatevaultTypes: Object.keys(checks) });
}
