import Ajv2020 from "ajv/dist/2020";
import { expect } from "chai";
import { stackFileJsonSchema } from "../../components/config/json-schema";
import { editedStack, shippedStack } from "../support/stacks";

describe("stack file JSON Schema", () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(stackFileJsonSchema());

    for (const stack of ["dev", "prod"]) {
        it(`accepts the shipped ${stack} stack file`, () => {
            expect(validate(shippedStack(stack)), JSON.stringify(validate.errors)).to.equal(true);
        });
    }

    it("rejects an unknown gatevault key and a wrong type, but leaves other namespaces alone", () => {
        expect(validate(editedStack("dev", (c) => (c["aws:profile"] = "ops")))).to.equal(true);
        expect(validate(editedStack("dev", (c) => (c["gatevault:apiz"] = [])))).to.equal(false);
        expect(validate(editedStack("dev", (c) => (c["gatevault:apis"][0].endpointType = "regional")))).to.equal(false);
        expect(validate(editedStack("dev", (c) => delete c["gatevault:environment"]))).to.equal(false);
    });
});
